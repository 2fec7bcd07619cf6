using System.Collections.Immutable;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC009: the mode bits a creating call passes (the folded value: constants, and locals written once from one) grant
/// S_IROTH or S_IWOTH. Creating calls: shmget/semget/msgget with IPC_CREAT or IPC_PRIVATE, mkfifo, open with O_CREAT.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC009PermissionsOpenToEveryUserAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the C name of the argument that carries the mode.</summary>
    internal const string ModeArgumentProperty = "ModeArgument";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IPC009PermissionsOpenToEveryUser);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (FlowSession.For(start.Compilation).Known is not { } known) return;
            start.RegisterOperationAction(c => AnalyzeCall(c, known), OperationKind.Invocation);
        });
    }

    /// <summary>The argument holding the mode of an object the call creates, and its value; false when nothing is created or the value is unknown.</summary>
    internal static bool TryGetCreatedMode(IpcCall call, out string argumentName, out long mode)
    {
        argumentName = call.Function switch
        {
            IpcFunction.shmget => "shmflg",
            IpcFunction.semget => "semflg",
            IpcFunction.msgget => "msgflg",
            IpcFunction.mkfifo or IpcFunction.open => "mode",
            _ => string.Empty,
        };
        mode = 0;
        if (argumentName.Length == 0 || !ConstantFolding.TryFold(call.Argument(argumentName), out mode)) return false;
        switch (call.Function)
        {
            case IpcFunction.mkfifo:
                return true;
            case IpcFunction.open:
                return ConstantFolding.TryFold(call.Argument("flags"), out var flags) && (flags & IpcConstants.O_CREAT) != 0;
            default:
                // IPC_PRIVATE always makes a new object; a public key does only with IPC_CREAT.
                return (mode & IpcConstants.IPC_CREAT) != 0
                    || (ConstantFolding.TryFold(call.Argument("key"), out var key) && key == IpcConstants.IPC_PRIVATE);
        }
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownSymbols known)
    {
        if (!IpcCall.TryMatch(context.Operation as IInvocationOperation, known, out var call)) return;
        if (!TryGetCreatedMode(call, out var argumentName, out var mode)) return;
        var readable = (mode & IpcConstants.S_IROTH) != 0;
        var writable = (mode & IpcConstants.S_IWOTH) != 0;
        if (!readable && !writable) return;
        var access = readable && writable ? "read and write" : readable ? "read" : "write";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IPC009PermissionsOpenToEveryUser,
            call.Invocation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(ModeArgumentProperty, argumentName),
            ModeBits.Describe(mode),
            access));
    }
}
