using System.Globalization;
using System.Text;

namespace IpcSim;

internal sealed partial class Sem
{
    /// <summary>The semaphore table as util-linux ipcs prints it (its do_sem(), default format).</summary>
    internal void Show(StringBuilder sb)
    {
        sb.Append("------ Semaphore Arrays --------\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"key",-10} {"semid",-10} {"owner",-10} {"perms",-10} {"nsems",-10}\n");
        using (kernel.EnterGate())
        {
            foreach (var set in Ids.All)
            {
                IpcShow.KeyIdOwner(sb, set);
                sb.Append(CultureInfo.InvariantCulture, $" {IpcShow.Perms(set),-10} {set.NSems,-10}\n");
            }
        }
    }
}
