using System.Globalization;
using System.Text;

namespace IpcSim;

/// <summary>The columns every ipcs table starts with: key, id, owner, perms (util-linux ipcs.c).</summary>
internal static class IpcShow
{
    /// <summary>"0x%08x %-10d %-10.10s": the owner is the user name, "root" for uid 0, else the number.</summary>
    internal static void KeyIdOwner(StringBuilder sb, KernIpcPerm obj)
    {
        var owner = obj.Uid == 0 ? "root" : obj.Uid.ToString(CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"0x{unchecked((uint)obj.Key):x8} {obj.Id,-10} {owner,-10}");
    }

    /// <summary>"%o" of mode &amp; 0777.</summary>
    internal static string Perms(KernIpcPerm obj) => Convert.ToString(obj.Mode & IpcPerms.ModeMask, 8);
}
