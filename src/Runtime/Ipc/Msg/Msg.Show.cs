using System.Globalization;
using System.Text;

namespace IpcSim;

internal sealed partial class Msg
{
    /// <summary>The message-queue table as util-linux ipcs prints it (its do_msg(), default format).</summary>
    internal void Show(StringBuilder sb)
    {
        sb.Append("------ Message Queues --------\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"key",-10} {"msqid",-10} {"owner",-10} {"perms",-10} {"used-bytes",-12} {"messages",-12}\n");
        using (kernel.EnterGate())
        {
            foreach (var q in Ids.All)
            {
                IpcShow.KeyIdOwner(sb, q);
                sb.Append(CultureInfo.InvariantCulture, $" {IpcShow.Perms(q),-10} {q.CBytes,-12} {q.QNum,-12}\n");
            }
        }
    }
}
