using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>How a path leaves the body.</summary>
internal enum AttachExitKind
{
    /// <summary>A return statement (or an expression body's value).</summary>
    Return,

    /// <summary>The end of the body, or a return without a value.</summary>
    End,

    /// <summary>A throw that no catch of the body handles.</summary>
    Throw,

    /// <summary>A call inside a try (with finally, no catch) that may throw.</summary>
    ExceptionInTry,
}

/// <summary>One way out of the body, with where the user sees it.</summary>
internal readonly record struct AttachExit(AttachExitKind Kind, Location? Location);

/// <summary>
/// What a rule hears while <see cref="AttachAnalysis"/> replays the fixpoint. Every callback gets the state at that
/// point (before the operation's effect, unless said otherwise); rules override only what they need.
/// </summary>
internal abstract class AttachObserver
{
    /// <summary>shmat (or a helper that attaches) produced <paramref name="attachment"/>; <paramref name="before"/> is the state before it.</summary>
    internal virtual void OnAttach(Attachment attachment, AttachFlowState before)
    {
    }

    /// <summary>A shared-memory read or write (Mem, Marshal) through <paramref name="address"/>.</summary>
    internal virtual void OnAccess(IInvocationOperation access, IOperation address, ImmutableHashSet<Attachment> values, AttachFlowState state)
    {
    }

    /// <summary>shmdt of <paramref name="address"/> (or a helper summarised as detaching it).</summary>
    internal virtual void OnDetach(IInvocationOperation call, IOperation address, ImmutableHashSet<Attachment> values, AttachFlowState before)
    {
    }

    /// <summary>Any argument of any call (and the address of every Mem access): the value it carries.</summary>
    internal virtual void OnArgument(IOperation value, ImmutableHashSet<Attachment> values, AttachFlowState state)
    {
    }

    /// <summary>An address is stored in a field or property of this type: the type owns it from now on.</summary>
    internal virtual void OnStoredInMember(ISymbol member, IOperation store, ImmutableHashSet<Attachment> values, AttachFlowState state)
    {
    }

    /// <summary>A value is returned (before the return hands it on).</summary>
    internal virtual void OnReturn(IOperation returned, ImmutableHashSet<Attachment> values, AttachFlowState state)
    {
    }

    /// <summary>A path leaves the body; <paramref name="state"/> is after every finally it runs.</summary>
    internal virtual void OnExit(AttachExit exit, AttachFlowState state)
    {
    }
}
