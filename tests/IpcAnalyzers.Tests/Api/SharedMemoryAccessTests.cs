using IpcAnalyzers.Api;
using IpcAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IpcAnalyzers.Tests.Api;

public sealed class SharedMemoryAccessTests
{
    [Theory]
    [InlineData("Mem.Read<int>(addr)", "Read", "addr", true)]
    [InlineData("Mem.Write<int>(addr, 1)", "Write", "addr", true)]
    [InlineData("Mem.ReadBytes(addr, buffer)", "Read", "addr", true)]
    [InlineData("Mem.WriteBytes(addr, buffer)", "Write", "addr", true)]
    [InlineData("Mem.ReadString(addr)", "Read", "addr", false)]
    [InlineData("Mem.WriteString(addr, \"x\")", "Write", "addr", false)]
    [InlineData("Marshal.ReadInt32(addr)", "Read", "addr", true)]
    [InlineData("Marshal.ReadInt64(addr, 8)", "Read", "addr", true)]
    [InlineData("Marshal.ReadInt16(addr, 2)", "Read", "addr", true)]
    [InlineData("Marshal.ReadByte(addr)", "Read", "addr", true)]
    [InlineData("Marshal.ReadIntPtr(addr)", "Read", "addr", true)]
    [InlineData("Marshal.WriteInt32(addr, 1)", "Write", "addr", true)]
    [InlineData("Marshal.WriteInt64(addr, 8, 1L)", "Write", "addr", true)]
    [InlineData("Marshal.WriteInt16(addr, (short)1)", "Write", "addr", true)]
    [InlineData("Marshal.WriteByte(addr, 4, (byte)1)", "Write", "addr", true)]
    [InlineData("Marshal.WriteIntPtr(addr, other)", "Write", "addr", true)]
    [InlineData("Marshal.Copy(buffer, 0, addr, 16)", "Write", "addr", true)]
    [InlineData("Marshal.Copy(numbers, 0, addr + 8, 4)", "Write", "addr + 8", true)]
    [InlineData("Marshal.Copy(addr, buffer, 0, 16)", "Read", "addr", true)]
    [InlineData("Marshal.Copy(addr + 8, numbers, 0, 4)", "Read", "addr + 8", true)]
    [InlineData("Marshal.Copy(source: addr, destination: buffer, startIndex: 0, length: 16)", "Read", "addr", true)]
    [InlineData("Marshal.Copy(length: 16, destination: addr, startIndex: 0, source: buffer)", "Write", "addr", true)]
    [InlineData("Marshal.StructureToPtr(header, addr, false)", "Write", "addr", false)]
    [InlineData("Marshal.PtrToStructure<Header>(addr)", "Read", "addr", false)]
    [InlineData("Marshal.PtrToStructure(addr, typeof(Header))", "Read", "addr", false)]
    public void TryMatch_MemAndMarshal_DirectionAddressAndPlainCopy(string call, string direction, string address, bool plain)
    {
        var access = MatchOnly(call);
        Assert.Equal(direction, access.Direction.ToString());
        Assert.Equal(address, access.Address!.WithoutConversions().Syntax.ToString());
        Assert.Equal(plain, access.IsPlainCopy);
        Assert.Equal(direction == "Write", access.IsWrite);
    }

    [Theory]
    [InlineData("Marshal.SizeOf<Header>()")]
    [InlineData("Marshal.AllocHGlobal(16)")]
    [InlineData("Marshal.GetLastPInvokeError()")]
    [InlineData("Marshal.ReadInt32(box, 0)")]
    [InlineData("BitConverter.GetBytes(42)")]
    [InlineData("Mine.ReadInt32(addr)")]
    public void TryMatch_OtherCalls_AreNotAccesses(string call)
    {
        var (invocation, known) = Invocation(call);
        Assert.False(SharedMemoryAccess.TryMatch(invocation, known, out _));
    }

    [Fact]
    public void MayBeWriteName_CoversEveryWriteTheClassifierMatches()
    {
        foreach (var call in new[] { "Mem.Write<int>(addr, 1)", "Mem.WriteBytes(addr, buffer)", "Mem.WriteString(addr, \"x\")", "Marshal.WriteInt32(addr, 1)", "Marshal.Copy(buffer, 0, addr, 16)", "Marshal.StructureToPtr(header, addr, false)" })
        {
            var access = MatchOnly(call);
            Assert.True(SharedMemoryAccess.MayBeWriteName(access.Invocation.TargetMethod.Name), call);
        }
    }

    private static SharedMemoryAccess MatchOnly(string call)
    {
        var (invocation, known) = Invocation(call);
        Assert.True(SharedMemoryAccess.TryMatch(invocation, known, out var access), call);
        return access;
    }

    private static (IInvocationOperation Invocation, KnownSymbols Known) Invocation(string call)
    {
        var source = $$"""
            #pragma warning disable CS0618
            using System;
            using System.Runtime.InteropServices;
            using IpcSim;

            [StructLayout(LayoutKind.Sequential)] struct Header { public int Count; }

            static class Mine { public static int ReadInt32(nint p) => 0; }

            class C
            {
                void M(nint addr, nint other, byte[] buffer, int[] numbers, Header header, object box)
                {
                    {{call}};
                }
            }
            """;
        var compilation = TestCompilation.Create([source]);
        Verify.AssertCompiles(compilation);
        var known = KnownSymbols.Create(compilation)!;
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var syntax = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().First(i => i.Ancestors().OfType<MethodDeclarationSyntax>().First().Identifier.Text == "M");
        return ((IInvocationOperation)model.GetOperation(syntax)!, known);
    }
}
