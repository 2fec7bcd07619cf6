using System.Collections.Generic;
using System.Collections.Immutable;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Flow.Attach;

/// <summary>Calls: shmat and shmdt, shared-memory accesses (Mem, Marshal), helpers of the compilation (through summaries), and code we cannot see.</summary>
internal sealed partial class AttachAnalysis
{
    /// <summary>The out-argument attachments a call made, for a <c>TryAttach(id, out var p)</c> condition.</summary>
    private readonly Dictionary<IOperation, ImmutableHashSet<Attachment>> outSites = [];

    protected override ImmutableHashSet<Attachment> EvalInvocation(IInvocationOperation invocation, ref AttachFlowState state)
    {
        var instance = Eval(invocation.Instance, ref state);
        var arguments = EvalArguments(invocation.Arguments, ref state);
        if (state.IsUnreachable) return None;
        var method = invocation.TargetMethod;
        if (IpcCall.TryMatch(invocation, known, out var call))
        {
            switch (call.Function)
            {
                case IpcFunction.shmat:
                    {
                        var site = SiteFor(invocation, () => new Attachment(AttachmentKind.Shmat, invocation, null, "shmat"));
                        observer?.OnAttach(site, state);
                        state = state.WithPaths(site, AttachPaths.Attached);
                        return ImmutableHashSet.Create(site);
                    }

                case IpcFunction.shmdt when arguments.Length > 0:
                    Detach(invocation, invocation.Arguments[0].Value, arguments[0], ref state);
                    return None;
                case var function when function.NeverReturns():
                    // The process ends: the kernel detaches every attachment (shmop(2)).
                    state = AttachFlowState.Unreachable;
                    return None;
                default:
                    return None;
            }
        }

        if (SharedMemoryAccess.TryMatch(invocation, known, out var access))
        {
            var index = AddressIndex(invocation, access.AddressOrdinal);
            if (index >= 0) observer?.OnAccess(invocation, invocation.Arguments[index].Value, arguments[index], state);
            return None;
        }

        if (known.NeverReturns(method))
        {
            state = AttachFlowState.Unreachable;
            return None;
        }

        if (method.ContainingType.IsPointerSized())
        {
            // addr.ToInt64(), IntPtr.Add(addr, n): the same address in another shape.
            var derived = instance;
            foreach (var argument in arguments) derived = derived.Union(argument);
            return derived;
        }

        if (IsOnlyDisplayed(method)) return None;
        MayThrow(invocation, ThrowState(method, invocation.Arguments, arguments, state));
        return ApplySummary(invocation, method, invocation.Arguments, arguments, ref state);
    }

    private ImmutableHashSet<Attachment> EvalCreation(IObjectCreationOperation creation, ref AttachFlowState state)
    {
        var arguments = EvalArguments(creation.Arguments, ref state);
        Eval(creation.Initializer, ref state);
        if (state.IsUnreachable) return None;
        if (creation.Type.IsPointerSized())
        {
            var derived = None;
            foreach (var argument in arguments) derived = derived.Union(argument);
            return derived;
        }

        if (creation.Constructor is not { } constructor) return None;
        MayThrow(creation, ThrowState(constructor, creation.Arguments, arguments, state));
        ApplySummary(creation, constructor, creation.Arguments, arguments, ref state);
        return None;
    }

    private ImmutableHashSet<Attachment>[] EvalArguments(ImmutableArray<IArgumentOperation> arguments, ref AttachFlowState state)
    {
        var values = new ImmutableHashSet<Attachment>[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i].Parameter?.RefKind == RefKind.Out ? None : Eval(arguments[i].Value, ref state);
            if (!values[i].IsEmpty) observer?.OnArgument(arguments[i].Value, values[i], state);
        }

        return values;
    }

    private void Detach(IOperation call, IOperation address, ImmutableHashSet<Attachment> values, ref AttachFlowState state)
    {
        if (call is IInvocationOperation invocation) observer?.OnDetach(invocation, address, values, state);
        foreach (var value in values)
        {
            if (state.PathsOf(value) != AttachPaths.None) state = state.WithPaths(value, AttachPaths.Detached);
        }
    }

    private ImmutableHashSet<Attachment> ApplySummary(
        IOperation call,
        IMethodSymbol method,
        ImmutableArray<IArgumentOperation> argumentOperations,
        ImmutableHashSet<Attachment>[] arguments,
        ref AttachFlowState state)
    {
        var summary = method.MethodKind == MethodKind.DelegateInvoke ? null : summaries.Get(method, HasTracked(arguments), cancellationToken);
        var result = None;
        var made = None;
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = argumentOperations[i];
            if (argument.Parameter is not { } parameter) continue;
            if (parameter.RefKind == RefKind.Out)
            {
                var attached = summary?.AttachesOut(parameter.Ordinal) == true;
                var site = attached ? SiteFor(argument, () => new Attachment(AttachmentKind.OutArgument, call, null, method.Name)) : null;
                if (site is not null)
                {
                    observer?.OnAttach(site, state);
                    state = state.WithPaths(site, AttachPaths.Attached);
                    made = made.Add(site);
                }

                Assign(argument.Value, site is null ? None : ImmutableHashSet.Create(site), call, ref state);
                continue;
            }

            if (arguments[i].IsEmpty) continue;
            if (summary?.ExitOf(parameter.Ordinal) is not { } exit)
            {
                // Code we cannot see may keep the address: it is no longer ours to judge.
                state = Escape(arguments[i], state, ownedOnly: false);
                continue;
            }

            if (summary.Accesses(parameter.Ordinal) && call is IInvocationOperation access) observer?.OnAccess(access, argument.Value, arguments[i], state);
            if (exit == AttachPaths.Detached) Detach(call, argument.Value, arguments[i], ref state);
            else state = Substitute(arguments[i], exit, state);
            if (summary.ReturnsParameter(parameter.Ordinal)) result = result.Union(arguments[i]);
        }

        if (summary is null) return result;
        foreach (var captured in summary.CapturedExits)
        {
            state = Substitute(state.ValuesOf(captured.Key), captured.Value, state);
        }

        if (!made.IsEmpty) outSites[call] = made;
        if (summary.NeverReturns)
        {
            state = AttachFlowState.Unreachable;
            return None;
        }

        if (summary.ReturnsAttached)
        {
            var site = SiteFor(call, () => new Attachment(AttachmentKind.HelperResult, call, null, method.Name));
            observer?.OnAttach(site, state);
            state = state.WithPaths(site, AttachPaths.Attached);
            result = result.Add(site);
        }

        return result;
    }

    /// <summary>
    /// The state an exception from the call leaves with: a helper that throws only when an argument is the failure
    /// value (<c>CheckAddr(shmat(...))</c>, its result-check summary "checks/guards parameter i") throws on the path
    /// where shmat failed, so the attachments that argument holds were never made there.
    /// </summary>
    private AttachFlowState ThrowState(IMethodSymbol method, ImmutableArray<IArgumentOperation> argumentOperations, ImmutableHashSet<Attachment>[] arguments, AttachFlowState state)
    {
        if (observer is null || !HasTracked(arguments)) return state;
        var checks = summaries.ResultChecks.Get(method, hasTrackedArguments: true, cancellationToken);
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].IsEmpty || argumentOperations[i].Parameter is not { } parameter) continue;
            if (!checks.Guards(parameter.Ordinal) && !checks.Checks(parameter.Ordinal)) continue;
            foreach (var attachment in arguments[i]) state = state.WithPaths(attachment, AttachPaths.None);
        }

        return state;
    }

    /// <summary>What a callee did to its parameter, seen from the caller: "still attached" keeps the caller's facts.</summary>
    private static AttachFlowState Substitute(ImmutableHashSet<Attachment> values, AttachPaths exit, AttachFlowState state)
    {
        if (exit == AttachPaths.None) return state;
        foreach (var value in values)
        {
            var before = state.PathsOf(value);
            if (before == AttachPaths.None) continue;
            var after = (exit & ~AttachPaths.Attached) | (exit.MayBeAttached() ? before : AttachPaths.None);
            state = state.WithPaths(value, after);
        }

        return state;
    }

    /// <summary>The index in the argument list of the address (arguments may be named, in any order).</summary>
    private static int AddressIndex(IInvocationOperation invocation, int ordinal)
    {
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter?.Ordinal == ordinal) return i;
        }

        return -1;
    }

    /// <summary>Printing a value (Console, Debug, string formatting) does not keep it.</summary>
    private static bool IsOnlyDisplayed(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null) return false;
        if (type.SpecialType is SpecialType.System_String or SpecialType.System_Object) return true;
        var ns = type.ContainingNamespace?.ToDisplayString();
        return (ns == "System" && type.Name is "Console" or "Convert") || (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace");
    }

    private static bool HasTracked(ImmutableHashSet<Attachment>[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (!argument.IsEmpty) return true;
        }

        return false;
    }
}
