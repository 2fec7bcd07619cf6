using System.Collections.Generic;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

public sealed partial class IPC016PreferSigactionAnalyzer
{
    /// <summary>
    /// What a signal handler may do (signal-safety(7)): the listed system calls, errno save and restore, assignments
    /// to fields and locals, Volatile and Interlocked, Mem's and Marshal's fixed-size reads, writes and byte copies, value-type construction, and
    /// calls of the compilation's own methods that do only these. Anything else (Console, perror, printf-style
    /// formatting, allocation, string building, locks, other library calls) is not async-signal-safe.
    /// </summary>
    internal sealed class SignalSafety
    {
        private const int MaxDepth = 4;

        private static readonly HashSet<IpcFunction> SafeFunctions =
        [
            IpcFunction._exit, IpcFunction.alarm, IpcFunction.close, IpcFunction.dup, IpcFunction.dup2, IpcFunction.fcntl,
            IpcFunction.fork, IpcFunction.getegid, IpcFunction.geteuid, IpcFunction.getgid, IpcFunction.getpid,
            IpcFunction.getppid, IpcFunction.getuid, IpcFunction.kill, IpcFunction.mkfifo, IpcFunction.open,
            IpcFunction.pause, IpcFunction.pipe, IpcFunction.raise, IpcFunction.read, IpcFunction.setgid, IpcFunction.setuid,
            IpcFunction.sigaction, IpcFunction.sigaddset, IpcFunction.sigdelset, IpcFunction.sigemptyset,
            IpcFunction.sigfillset, IpcFunction.sigismember, IpcFunction.signal, IpcFunction.sigprocmask,
            IpcFunction.sigsuspend, IpcFunction.sleep, IpcFunction.unlink, IpcFunction.wait, IpcFunction.waitpid,
            IpcFunction.write,
        ];

        private readonly KnownSymbols known;
        private readonly SourceBodies bodies;

        internal SignalSafety(KnownSymbols known, SourceBodies bodies)
        {
            this.known = known;
            this.bodies = bodies;
        }

        /// <summary>The body a handler value runs: a lambda's, a method group's or a local function's; through a local written once.</summary>
        internal IOperation? HandlerBody(IOperation handler, CancellationToken cancellationToken)
        {
            var value = handler.WithoutConversions();
            if (value is ILocalReferenceOperation local && LocalWrites.TryGetSingleValue(local, out var assigned)) value = assigned.WithoutConversions();
            if (value is IDelegateCreationOperation creation) value = creation.Target.WithoutConversions();
            return value switch
            {
                IAnonymousFunctionOperation lambda => lambda.Body,
                IMethodReferenceOperation { Method: { } method } => bodies.Body(method, cancellationToken),
                _ => null,
            };
        }

        /// <summary>The unsafe operation that comes first in the body, and what it does ("calls Console.WriteLine").</summary>
        internal (IOperation Operation, string What)? FirstUnsafe(IOperation body, int depth, CancellationToken cancellationToken)
        {
            (IOperation Operation, string What)? first = null;
            var pending = new Stack<IOperation>();
            pending.Push(body);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = pending.Pop();
                // Code in a nested lambda or local function runs only if something calls it.
                if (operation != body && operation is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
                if (What(operation, depth, cancellationToken) is { } what
                    && (first is null || operation.Syntax.SpanStart < first.Value.Operation.Syntax.SpanStart))
                {
                    first = (operation, what);
                }

                foreach (var child in operation.ChildOperations) pending.Push(child);
            }

            return first;
        }

        private string? What(IOperation operation, int depth, CancellationToken cancellationToken) => operation switch
        {
            IInvocationOperation invocation => Call(invocation, depth, cancellationToken),
            IObjectCreationOperation { Type.IsValueType: false } creation => $"allocates ('{creation.Syntax}')",
            IArrayCreationOperation creation => $"allocates ('{creation.Syntax}')",
            IAnonymousObjectCreationOperation creation => $"allocates ('{creation.Syntax}')",
            IInterpolatedStringOperation => "formats a string",
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => "concatenates strings",
            ILockOperation => "takes a lock",
            _ => null,
        };

        private string? Call(IInvocationOperation invocation, int depth, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (IpcCall.TryMatch(invocation, known, out var call))
            {
                return SafeFunctions.Contains(call.Function) ? null : $"calls {call.Name}";
            }

            var type = method.ContainingType;
            if (IsThreadingPrimitive(type)) return null;
            if (SharedMemoryAccess.TryMatchMethod(method, known, out _, out _, out var plainCopy))
            {
                // Fixed-size values and byte copies are plain loads and stores; strings and structures encode and allocate.
                return plainCopy ? null : $"calls {type!.Name}.{method.Name}";
            }

            var name = type is null ? method.Name : type.Name + "." + method.Name;
            if (depth < MaxDepth && bodies.Body(method, cancellationToken) is { } body)
            {
                return FirstUnsafe(body, depth + 1, cancellationToken) is { } inner ? $"calls {name}, which {inner.What}" : null;
            }

            return $"calls {name}";
        }

        private static bool IsThreadingPrimitive(INamedTypeSymbol? type)
            => type is { Name: "Volatile" or "Interlocked" } && type.ContainingNamespace?.ToDisplayString() == "System.Threading";
    }
}
