using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.SemHold;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC015: a mutex-style P (sem_op -1) whose sem_flg lacks SEM_UNDO, on a semaphore used as a lock: the same body
/// releases it with a V, the P sits in a Lock helper whose type also has the matching Unlock, or the compilation
/// initialises the semaphore to 1. Counting semaphores (producer/consumer) are not locks. Reported at the semop;
/// the additional locations are the sem_flg sites of the P and of its V's, for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC015UseSemUndoOnLockAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IPC015UseSemUndoOnLock);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SemHoldBodies.For(start.Compilation) is not { } bodies) return;
            var initialisations = new LockInitialisations(bodies.Summaries, start.CancellationToken);
            start.RegisterOperationBlockAction(block =>
            {
                foreach (var facts in bodies.FactsFor(block)) Report(block, facts, bodies.Summaries, initialisations);
            });
        });
    }

    private static void Report(OperationBlockAnalysisContext context, LockFacts facts, SemHoldSummaries summaries, LockInitialisations initialisations)
    {
        var bySemop = new Dictionary<SyntaxNode, List<Location>>();
        foreach (var acquisition in facts.Acquisitions)
        {
            if (acquisition.Sembuf is not { Op: -1, Flags: { } flags } sembuf || (flags & IpcConstants.SEM_UNDO) != 0) continue;
            if (facts.IsOpaque(acquisition.Key)) continue;
            var partner = facts.IsReleasedHere(acquisition) ? null : LockHelperPartner(context, facts, acquisition, summaries);
            var isLock = facts.IsReleasedHere(acquisition) || partner is not null || initialisations.IsInitialisedToOne(acquisition.Key);
            if (!isLock) continue;
            var syntax = acquisition.Operation.Syntax;
            if (!bySemop.TryGetValue(syntax, out var sites)) bySemop[syntax] = sites = [];
            AddFlagSite(sites, sembuf);
            foreach (var site in partner?.ReleaseFlagSites ?? ImmutableArray<SyntaxNode>.Empty)
            {
                var location = site.GetLocation();
                if (!sites.Contains(location)) sites.Add(location);
            }

            foreach (var release in facts.ReleasesOf(acquisition))
            {
                if (release.Sembuf is { Flags: { } vFlags } v && (vFlags & IpcConstants.SEM_UNDO) == 0) AddFlagSite(sites, v);
            }
        }

        foreach (var pair in bySemop)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.IPC015UseSemUndoOnLock, pair.Key.GetLocation(), additionalLocations: pair.Value));
        }
    }

    private static void AddFlagSite(List<Location> sites, SembufValue sembuf)
    {
        if (sembuf.FlagSite is not { } site) return;
        var location = site.GetLocation();
        if (!sites.Contains(location)) sites.Add(location);
    }

    /// <summary>
    /// A Lock helper: the P still holds when the method returns (it acquires for its caller, and releases nothing),
    /// and a method of the same type only releases a semaphore of the same shape for its caller (the Unlock).
    /// </summary>
    private static SemHoldSummary? LockHelperPartner(OperationBlockAnalysisContext context, LockFacts facts, Acquisition acquisition, SemHoldSummaries summaries)
    {
        if (!facts.IsHeldAtReturn(acquisition) || context.OwningSymbol is not IMethodSymbol owner || owner.ContainingType is not { } type) return null;
        // Only pure helpers pair up: Produce (P empty, V full) and Consume (P full, V empty) are signalling.
        var ownerSummary = summaries.Get(owner, context.CancellationToken);
        if (!ownerSummary.Releases.IsEmpty) return null;
        // A P(semid, sem) helper whose sem_num is a parameter is a general P: whether it takes a lock or counts
        // (EMPTY/FULL) is up to each caller, so only a helper of one fixed semaphore is a Lock.
        var acquired = ownerSummary.Acquires.Where(k => k.NumParameter is null && SameNumber(k, acquisition.Key)).ToList();
        if (acquired.Count == 0) return null;
        foreach (var member in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (SymbolEqualityComparer.Default.Equals(member, owner)) continue;
            var memberSummary = summaries.Get(member, context.CancellationToken);
            if (!memberSummary.Acquires.IsEmpty) continue;
            foreach (var released in memberSummary.Releases)
            {
                if (acquired.Any(a => SameShape(a, released))) return memberSummary;
            }
        }

        return null;
    }

    private static bool SameNumber(SemKey left, SemKey right)
        => left.NumParameter is null == right.NumParameter is null && (left.NumParameter is not null || left.Num == right.Num);

    /// <summary>The same field, or a parameter of each helper, with the same sem_num.</summary>
    private static bool SameShape(SemKey acquired, SemKey released) => SameNumber(acquired, released)
        && (acquired.Root is IParameterSymbol && released.Root is IParameterSymbol
            || SymbolEqualityComparer.Default.Equals(acquired.Root, released.Root));
}
