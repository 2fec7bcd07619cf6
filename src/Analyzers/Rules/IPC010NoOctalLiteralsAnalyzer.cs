using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using IpcAnalyzers.Api;
using IpcAnalyzers.Flow.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Rules;

/// <summary>
/// IPC010: a decimal literal written like a C octal one (0666) reaches a mode or flags argument, directly or through a
/// const or a local. The only rule that reads literal text: the leading zero exists only in the token.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPC010NoOctalLiteralsAnalyzer : DiagnosticAnalyzer
{
    private const int MaxDepth = 6;

    private static readonly ImmutableHashSet<string> ModeParameters = ImmutableHashSet.Create("shmflg", "semflg", "msgflg", "flags", "mode");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IPC010NoOctalLiterals);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (FlowSession.For(start.Compilation).Known is not { } known) return;
            var bodies = new SourceBodies(start.Compilation);
            start.RegisterOperationAction(c => AnalyzeCall(c, known, bodies), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownSymbols known, SourceBodies bodies)
    {
        if (!IpcCall.TryMatch(context.Operation as IInvocationOperation, known, out var call)) return;
        var literals = new List<LiteralExpressionSyntax>();
        foreach (var name in call.Function.CParameters().Where(ModeParameters.Contains))
        {
            if (call.Argument(name) is { IsImplicit: false } argument)
            {
                Collect(argument, bodies, new HashSet<ISymbol>(SymbolEqualityComparer.Default), literals, 0, context.CancellationToken);
            }
        }

        foreach (var literal in literals.Distinct())
        {
            if (!ModeBits.TryReadOctalLookalike(literal.Token.Text, out var meant, out var actual)) continue;
            var names = ModeBits.ConstantNames(meant);
            var suggestion = ModeBits.BinaryLiteral(meant) + (names.Count > 0 ? " (" + string.Join(" | ", names) + ")" : string.Empty);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IPC010NoOctalLiterals,
                call.Invocation.Syntax.GetLocation(),
                additionalLocations: [literal.GetLocation()],
                literal.Token.Text,
                actual.ToString(CultureInfo.InvariantCulture),
                suggestion));
        }
    }

    /// <summary>The numeric literals that make up the value: through operators, consts, fields and locals.</summary>
    private static void Collect(IOperation operation, SourceBodies bodies, HashSet<ISymbol> visited, List<LiteralExpressionSyntax> found, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth) return;
        switch (operation)
        {
            case ILiteralOperation { Syntax: LiteralExpressionSyntax literal } when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                found.Add(literal);
                return;
            case IFieldReferenceOperation field when visited.Add(field.Field):
                foreach (var reference in field.Field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                        && bodies.Operation(value, cancellationToken) is { } initializer)
                    {
                        Collect(initializer, bodies, visited, found, depth + 1, cancellationToken);
                    }
                }

                return;
            case ILocalReferenceOperation local when visited.Add(local.Local):
                foreach (var value in LocalWrites.AssignedValues(local.Local, LocalWrites.Root(local)))
                {
                    if (value is not null) Collect(value, bodies, visited, found, depth + 1, cancellationToken);
                }

                return;
            case IConversionOperation or IParenthesizedOperation or IBinaryOperation or IUnaryOperation or IConditionalOperation:
                foreach (var child in operation.ChildOperations)
                {
                    if (operation is IConditionalOperation conditional && child == conditional.Condition) continue;
                    Collect(child, bodies, visited, found, depth, cancellationToken);
                }

                return;
        }
    }
}
