using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.Sessions;

/// <summary>
/// One engine's result per body root (the IOperation an operation block action is given), computed once by the first
/// analyzer to ask and read by every rule that uses the engine. The analyzer driver hands every analyzer the same
/// operation tree for a body, so the root's identity is the key; the table is weak, so an entry dies with the tree
/// (the driver drops a tree's semantic model, and its operations, once the tree is analysed).
/// </summary>
/// <remarks>
/// Not <see cref="Lazy{T}"/>: a Lazy keeps the exception of a cancelled computation and would hand it to every later
/// reader. Here a computation that throws (cancellation) leaves the entry empty and the next reader computes it. A
/// computation must not read another body's entry (summaries have their own caches), so entries never wait on each
/// other and cannot deadlock.
/// </remarks>
internal class BodyCache<T>
    where T : class
{
    private readonly ConditionalWeakTable<IOperation, Entry> entries = new();

    internal T GetOrCompute(IOperation root, Func<IOperation, T> compute)
    {
        var entry = entries.GetValue(root, static _ => new Entry());
        if (entry.Value is { } done) return done;
        lock (entry)
        {
            return entry.Value ??= compute(root);
        }
    }

    private sealed class Entry
    {
        private volatile T? value;

        internal T? Value
        {
            get => value;
            set => this.value = value;
        }
    }
}
