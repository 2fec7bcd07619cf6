namespace IpcSim;

/// <summary>
/// One shmat() mapping in a process's address space: the vm_area_struct analogue. Its length
/// covers whole pages, so the tail past shm_segsz in the last page is mapped, as on Linux.
/// </summary>
internal sealed class Attachment
{
    internal Attachment(long start, ShmSegment segment, bool readOnly)
    {
        Start = start;
        Segment = segment;
        ReadOnly = readOnly;
        Length = segment.PageCount * IpcLimits.PageSize;
    }

    internal long Start { get; }

    internal long Length { get; }

    internal long End => Start + Length;

    internal ShmSegment Segment { get; }

    /// <summary>Attached with SHM_RDONLY: a write faults.</summary>
    internal bool ReadOnly { get; }

    internal bool Contains(long addr) => addr >= Start && addr < End;
}
