namespace IpcSamples;

/// <summary>
/// What a sample can ask of the machine it runs on beyond libc: here, running util-linux
/// <c>ipcs</c> (a C program would call <c>system("ipcs")</c>). The tables come from the
/// sample's own kernel, printed through the calling process's stdout.
/// </summary>
public sealed class Shell
{
    private readonly Kernel kernel;

    public Shell(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        this.kernel = kernel;
    }

    /// <summary>Prints <c>$ ipcs</c> and the three tables, with a comment saying why now.</summary>
    public void Ipcs(string moment)
    {
        puts("$ ipcs    # " + moment);
        fputs(kernel.Ipcs());
    }
}
