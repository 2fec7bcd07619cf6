using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace IpcAnalyzers;

/// <summary>How permission bits are written in C# (binary literals, S_I* constants) and shown in messages (0o660, rw-rw----).</summary>
internal static class ModeBits
{
    /// <summary>The nine permission bits, rwxrwxrwx.</summary>
    internal const long PermissionMask = 0x1FF;

    /// <summary>S_IRWXO: what every other user may do.</summary>
    internal const long OtherMask = 0x7;

    private static readonly (long Bits, string Name)[] Triads = [(0x1C0, "S_IRWXU"), (0x38, "S_IRWXG"), (0x7, "S_IRWXO")];

    private static readonly (long Bit, string Name)[] Bits =
    [
        (0x100, "S_IRUSR"), (0x80, "S_IWUSR"), (0x40, "S_IXUSR"),
        (0x20, "S_IRGRP"), (0x10, "S_IWGRP"), (0x8, "S_IXGRP"),
        (0x4, "S_IROTH"), (0x2, "S_IWOTH"), (0x1, "S_IXOTH"),
    ];

    /// <summary>The binary literal with the digits grouped by three, as octal digits are: 0b110_110_000 for 0o660.</summary>
    internal static string BinaryLiteral(long value)
    {
        if (value <= 0) return "0b0";
        var digits = Convert.ToString(value, 2);
        var builder = new StringBuilder("0b");
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0) builder.Append('_');
            builder.Append(digits[i]);
        }

        return builder.ToString();
    }

    /// <summary>The S_I* constants whose | is <paramref name="mode"/> (a full triad as S_IRWXU); empty for 0 or bits above 0o777.</summary>
    internal static IReadOnlyList<string> ConstantNames(long mode)
    {
        var names = new List<string>();
        if (mode <= 0 || (mode & ~PermissionMask) != 0) return names;
        foreach (var (triad, triadName) in Triads)
        {
            if ((mode & triad) == triad)
            {
                names.Add(triadName);
                continue;
            }

            foreach (var (bit, name) in Bits)
            {
                if ((triad & bit) != 0 && (mode & bit) != 0) names.Add(name);
            }
        }

        return names;
    }

    /// <summary>"0o666 (rw-rw-rw-)".</summary>
    internal static string Describe(long mode)
    {
        var permissions = mode & PermissionMask;
        var letters = new StringBuilder(9);
        for (var shift = 8; shift >= 0; shift--)
        {
            letters.Append((permissions & (1L << shift)) == 0 ? '-' : "rwx"[(8 - shift) % 3]);
        }

        return "0o" + Convert.ToString(permissions, 8).PadLeft(3, '0') + " (" + letters + ")";
    }

    /// <summary>
    /// A decimal literal that looks octal: a leading 0, two or more digits, all of them 0-7, and a value that differs
    /// from the octal reading (so 07 is fine). Returns the value the author meant (the octal reading) and the one C# sees.
    /// </summary>
    internal static bool TryReadOctalLookalike(string tokenText, out long meant, out long actual)
    {
        meant = 0;
        actual = 0;
        var digits = tokenText.TrimEnd('u', 'U', 'l', 'L').Replace("_", string.Empty);
        if (digits.Length < 2 || digits[0] != '0') return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '7') return false;
        }

        if (digits.Length > 18) return false;
        meant = Convert.ToInt64(digits, 8);
        actual = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return meant != actual;
    }
}
