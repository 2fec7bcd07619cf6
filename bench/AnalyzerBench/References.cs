using System.Reflection;
using Microsoft.CodeAnalysis;

namespace IpcBench.Analyzers;

/// <summary>The metadata references of a generated project: the net10.0 reference pack and IpcSim.</summary>
internal static class References
{
    internal static IReadOnlyList<MetadataReference> Load(string? ipcSim)
    {
        var refPack = typeof(References).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RefPackDir").Value!;
        var list = Directory.GetFiles(refPack, "*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        if (ipcSim is not null) list.Add(MetadataReference.CreateFromFile(ipcSim));
        return list;
    }
}
