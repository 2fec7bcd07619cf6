namespace IpcSim;

/// <summary>What SIG_DFL does for a signal (signal(7)'s "Action" column).</summary>
internal enum DefaultAction
{
    Terminate,
    Ignore,
    Stop,
}
