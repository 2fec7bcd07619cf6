namespace IpcSamples;

/// <summary>One runnable sample: its command-line name, what it teaches, and its entry point.</summary>
public sealed record Sample(string Name, string Summary, Func<Shell, int> Entry);

/// <summary>Every sample, in the order the README and <c>dotnet run -- all</c> present them.</summary>
public static class SampleCatalog
{
    public static IReadOnlyList<Sample> All { get; } =
    [
        new("producer-consumer", "a shared-memory ring buffer guarded by EMPTY/FULL/MUTEX semaphores, parent and child", ProducerConsumer.Run),
        new("message-queue-server", "a server answering typed requests from several clients, replies by mtype = client pid", MessageQueueServer.Run),
        new("pipe-fork", "parent and child over a pipe, closing the unused ends so that end-of-file arrives", PipeFork.Run),
        new("fifo-server", "mkfifo, a server reading requests from several writers, unlink at the end", FifoServer.Run),
        new("signal-retry", "alarm and kill interrupting blocking calls, the EINTR retry, and what SA_RESTART does", SignalRetry.Run),
    ];

    public static Sample? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
