using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IpcBench.Analyzers;

/// <summary>
/// One analyzer package: its C# analyzers, loaded from the package's own folder into a load
/// context of their own (the compiler assemblies come from the host, as in csc), and the
/// diagnostic options it runs with.
/// </summary>
internal sealed class AnalyzerPackage
{
    private AnalyzerPackage(string name, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic> options)
    {
        Name = name;
        Analyzers = analyzers;
        Options = options;
    }

    internal string Name { get; }

    internal ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>Severity overrides (the SDK's AnalysisMode globalconfig, for NetAnalyzers).</summary>
    internal ImmutableDictionary<string, ReportDiagnostic> Options { get; }

    internal static AnalyzerPackage Load(string name, IEnumerable<string> assemblyPaths, string? globalConfig = null)
    {
        var paths = assemblyPaths.Select(Path.GetFullPath).ToArray();
        var context = new PackageLoadContext(name, paths.Select(Path.GetDirectoryName).Distinct()!);
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in paths)
        {
            var assembly = context.LoadFromAssemblyPath(path);
            foreach (var type in LoadableTypes(assembly))
            {
                if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type)) continue;
                var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
                if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp)) continue;
                if (type.GetConstructor(Type.EmptyTypes) is null) continue;
                analyzers.Add((DiagnosticAnalyzer)Activator.CreateInstance(type)!);
            }
        }

        var options = globalConfig is null ? ImmutableDictionary<string, ReportDiagnostic>.Empty : ReadSeverities(globalConfig);
        return new AnalyzerPackage(name, analyzers.ToImmutable(), options);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }

    /// <summary>The `dotnet_diagnostic.ID.severity = level` lines of a globalconfig.</summary>
    private static ImmutableDictionary<string, ReportDiagnostic> ReadSeverities(string path)
    {
        var map = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (!line.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal)) continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = line[..eq].Trim();
            if (!key.EndsWith(".severity", StringComparison.Ordinal)) continue;
            var id = key["dotnet_diagnostic.".Length..^".severity".Length];
            map[id] = line[(eq + 1)..].Trim() switch
            {
                "error" => ReportDiagnostic.Error,
                "warning" => ReportDiagnostic.Warn,
                "suggestion" => ReportDiagnostic.Info,
                "silent" => ReportDiagnostic.Hidden,
                "none" => ReportDiagnostic.Suppress,
                _ => ReportDiagnostic.Default,
            };
        }

        return map.ToImmutable();
    }

    /// <summary>Resolves a package's private dependencies from its folder; shares Roslyn with the host.</summary>
    private sealed class PackageLoadContext(string name, IEnumerable<string> directories) : AssemblyLoadContext(name)
    {
        private readonly string[] directories = directories.ToArray();

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is { } n && (n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !n.Contains("NetAnalyzers", StringComparison.Ordinal)
                || n.StartsWith("System.", StringComparison.Ordinal)))
            {
                try
                {
                    return Default.LoadFromAssemblyName(assemblyName);
                }
                catch (FileNotFoundException)
                {
                }
            }

            foreach (var dir in directories)
            {
                var candidate = Path.Combine(dir, assemblyName.Name + ".dll");
                if (File.Exists(candidate)) return LoadFromAssemblyPath(candidate);
            }

            return null;
        }
    }
}
