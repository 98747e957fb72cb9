namespace Judging.Domain.Competitions;

using System.Security.Cryptography;

/// <summary>
/// How strong a judge's sign-in code (登录码) must be (issue 10, item 7: codes that can be guessed or that ship in the
/// repository must not sign in). A code is 8–12 ASCII letters or digits, case-insensitive, and:
/// <list type="bullet">
/// <item>holds both letters and digits, so it is drawn from at least 36 symbols (at least ~30 asked), not 10 or 26;</item>
/// <item>has at least 5 different characters and no character three times in a row ("AAAA1111", "K7K7K7K7");</item>
/// <item>has no run of 4 consecutive characters up or down ("1234", "ABCD", "ZYXW").</item>
/// </list>
/// Generated codes are 8 characters from <see cref="Alphabet"/> (31 symbols, no 0 O 1 I L: about 8.5 × 10¹¹ codes) and
/// always pass the rule.
/// </summary>
public static class SignInCodeRule
{
    /// <summary>Symbols of generated codes: digits 2–9 and capitals without I, L, O (31).</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Length of a generated code: 8.</summary>
    public const int GeneratedLength = 8;

    /// <summary>Shortest code accepted: 8.</summary>
    public const int MinLength = 8;

    /// <summary>Longest code accepted: 12 (it is typed on a tablet).</summary>
    public const int MaxLength = 12;

    /// <summary>Why <paramref name="code"/> is weak, as a <see cref="Wording"/> (zh-CN as text), or null when it is strong. Case is ignored.</summary>
    public static Wording? Weakness(string code)
    {
        var c = code.Trim().ToUpperInvariant();
        if (c.Length < MinLength) return Wording.Of("至少 {0} 位（实际 {1} 位）", MinLength, c.Length);
        if (c.Length > MaxLength || !c.All(char.IsAsciiLetterOrDigit)) return Wording.Of("须为 {0}–{1} 位字母或数字", MinLength, MaxLength);
        if (!c.Any(char.IsAsciiLetter) || !c.Any(char.IsAsciiDigit)) return Wording.Of("须同时含字母和数字（只用数字或只用字母太容易猜中）");
        if (c.Distinct().Count() < 5) return Wording.Of("重复字符太多（至少 5 个不同字符）");
        for (var i = 2; i < c.Length; i++)
            if (c[i] == c[i - 1] && c[i] == c[i - 2]) return Wording.Of("含连续重复的字符“{0}”", c[(i - 2)..(i + 1)]);
        for (var i = 3; i < c.Length; i++)
        {
            var step = c[i] - c[i - 1];
            if (step is 1 or -1 && c[i - 1] - c[i - 2] == step && c[i - 2] - c[i - 3] == step)
                return Wording.Of("含连续字符“{0}”", c[(i - 3)..(i + 1)]);
        }
        return null;
    }

    /// <summary>A fresh random code (<see cref="GeneratedLength"/> characters of <see cref="Alphabet"/>) that passes <see cref="Weakness"/>.</summary>
    public static string Generate()
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, GeneratedLength);
            if (Weakness(code) is null) return code;
        }
    }
}
