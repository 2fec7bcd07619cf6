namespace IpcSim;

/// <summary>
/// What a *get call asks for. Mirrors ipc/util.h: struct ipc_params (its union of size and
/// nsems becomes two named fields).
/// </summary>
internal readonly record struct IpcParams(int Key, int Flags, long Size = 0, int NSems = 0);
