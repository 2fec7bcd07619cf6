using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.ResultCheck;
using IpcAnalyzers.Flow.Summaries;
using Microsoft.CodeAnalysis;

namespace IpcAnalyzers.Flow.Sessions;

/// <summary>
/// What the analyzers of one compilation share: the known symbols, per-compilation objects (summary caches, the call
/// prefilter) made once by whichever analyzer asks first, and per-body result caches (<see cref="BodyCache{T}"/>).
/// Sessions live in a weak table keyed by the compilation, so each dies with its compilation; nothing is static
/// beyond that table. Every member is safe to call from concurrent analyzer callbacks.
/// </summary>
internal sealed class FlowSession
{
    private static readonly ConditionalWeakTable<Compilation, FlowSession> Sessions = new();

    private readonly ConcurrentDictionary<object, Lazy<object>> shared = new();
    private readonly Lazy<KnownSymbols?> known;

    private FlowSession(Compilation compilation)
    {
        Compilation = compilation;
        known = new Lazy<KnownSymbols?>(() => SourceMayUseSurface() ? KnownSymbols.Create(compilation) : null, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    internal Compilation Compilation { get; }

    /// <summary>
    /// Null when the compilation has neither IpcSim nor libc externs, or when no source text can use the surface
    /// (<see cref="SourceMayUseSurface"/>): the rules then register nothing.
    /// </summary>
    internal KnownSymbols? Known => known.Value;

    internal static FlowSession For(Compilation compilation) => Sessions.GetValue(compilation, static c => new FlowSession(c));

    /// <summary>
    /// The session's one <typeparamref name="T"/> under <paramref name="key"/>, made by <paramref name="create"/> on
    /// first use (a type, or a string when one type serves several purposes). The factory runs once and its result,
    /// or its exception, is kept: build caches there, compute nothing that can be cancelled.
    /// </summary>
    internal T Shared<T>(object key, Func<FlowSession, T> create)
        where T : class
    {
        var lazy = shared.GetOrAdd(key, _ => new Lazy<object>(() => create(this), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication));
        return (T)lazy.Value;
    }

    /// <summary>The session's one <typeparamref name="T"/>, keyed by its type.</summary>
    internal T Shared<T>(Func<FlowSession, T> create)
        where T : class
        => Shared(typeof(T), create);

    /// <summary>
    /// The result-check summaries (Flow/Summaries): one set for the compilation, read by the result rules
    /// (IPC001/002/006/012) and consulted by the other engines; helper graphs come from <see cref="Graphs"/>.
    /// </summary>
    internal MethodSummaries ResultSummaries => Shared(static s => new MethodSummaries(s.Known!) { Graphs = s.Graphs });

    /// <summary>The compilation-wide SA_RESTART answer (IPC006), scanned once on first need.</summary>
    internal SignalHandlers SignalHandlers => Shared(static s => new SignalHandlers(s.ResultSummaries));

    /// <summary>
    /// The prefilter on the IPC surface's names (libc functions, externs, helpers that call them). A call is recognised
    /// by symbol (<see cref="IpcCall"/>): an IpcSim.Libc member or a libc extern not declared in source carries its exact
    /// C name, a source extern is in the declaration index under its own name; so exact C names are enough here.
    /// </summary>
    internal CallPrefilter SurfaceCalls => Shared(static s => new CallPrefilter(s.SourceWords, IpcFunctionFacts.IsName));

    /// <summary>Helper bodies' graphs, built once for all the engines' summaries.</summary>
    internal SharedGraphs Graphs => Shared(static _ => new SharedGraphs());

    /// <summary>
    /// The compilation-wide "no": every diagnostic of every rule hangs on a recognised call of the surface (or, for
    /// IPC016, an assignment of SigAction.sa_handler), and such a call names an exact C function name or an extern
    /// or *Import*-attributed method declared in source. When no tree has such a word (and none is opaque), no body
    /// can produce a diagnostic, so the rules register nothing: code without IPC then costs one pass over its words.
    /// Renamed externs declared only in metadata are outside what the prefilters see, here as in <see cref="CallPrefilter"/>.
    /// </summary>
    private bool SourceMayUseSurface()
    {
        foreach (var tree in Compilation.SyntaxTrees)
        {
            var words = SourceWords.WordsOf(tree, System.Threading.CancellationToken.None);
            if (words.Opaque) return true;
            foreach (var word in words.Distinct)
            {
                if (IpcFunctionFacts.IsName(word) || word is "extern" or "sa_handler" || word.IndexOf("Import", StringComparison.Ordinal) >= 0) return true;
            }
        }

        return false;
    }

    /// <summary>The words and method declarations of the compilation's source, read once for every prefilter.</summary>
    internal SourceWords SourceWords => Shared(static s => new SourceWords(s.Compilation));
}
