namespace IpcSim.Tests;

/// <summary>LTP's TST_EXP_FAIL: the call returns -1 (or (void*)-1) and sets exactly this errno.</summary>
internal static class ErrnoAssert
{
    internal static void Fails(int expectedErrno, Func<long> call, string? what = null)
    {
        errno = 0;
        var ret = call();
        var actual = errno;
        Assert.True(ret == -1, $"{what ?? "call"} returned {ret}, expected -1 with {Name(expectedErrno)}");
        Assert.True(actual == expectedErrno, $"{what ?? "call"} set errno {Name(actual)}, expected {Name(expectedErrno)}");
    }

    /// <summary>LTP's TST_EXP_PASS / SAFE_*: the call succeeds; a failure shows strerror(errno).</summary>
    internal static long Succeeds(Func<long> call, string? what = null)
    {
        var ret = call();
        Assert.True(ret != -1, $"{what ?? "call"} failed: {Name(errno)} ({strerror(errno)})");
        return ret;
    }

    internal static string Name(int e) =>
        typeof(Libc).GetFields().FirstOrDefault(f => f.IsLiteral && f.Name.StartsWith('E') && f.Name != "EWOULDBLOCK" && (int)f.GetRawConstantValue()! == e)?.Name
        ?? e.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
