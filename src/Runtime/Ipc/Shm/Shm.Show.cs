using System.Globalization;
using System.Text;

namespace IpcSim;

internal sealed partial class Shm
{
    /// <summary>
    /// The shared-memory table as util-linux ipcs prints it (its do_shm(), default format),
    /// fed by what /proc/sysvipc/shm shows (ipc/shm.c: sysvipc_shm_proc_show()).
    /// </summary>
    internal void Show(StringBuilder sb)
    {
        sb.Append("------ Shared Memory Segments --------\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"key",-10} {"shmid",-10} {"owner",-10} {"perms",-10} {"bytes",-10} {"nattch",-10} {"status",-12}\n");
        using (kernel.EnterGate())
        {
            foreach (var seg in Ids.All)
            {
                IpcShow.KeyIdOwner(sb, seg);
                sb.Append(CultureInfo.InvariantCulture,
                    $" {IpcShow.Perms(seg),-10} {seg.Size,-10} {seg.NAttch,-10} {((seg.Mode & Libc.SHM_DEST) != 0 ? "dest" : " "),-6} {((seg.Mode & Libc.SHM_LOCKED) != 0 ? "locked" : " "),-6}\n");
            }
        }
    }
}
