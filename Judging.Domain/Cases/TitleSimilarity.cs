namespace Judging.Domain.Cases;

using System.Globalization;
using System.Text;

/// <summary>
/// Repeated titles across tracks (seed 000, 附件1 (三): 不同类型作品不得重复使用相同的标题或内容, a repeat is eliminated at
/// formal review). Titles are normalised (NFKC; letters lower-cased; every punctuation mark, symbol and whitespace
/// removed), then compared by character bigrams:
/// <list type="bullet">
/// <item><b>Dice</b> = 2·|A∩B| / (|A|+|B|) over the bigram multisets;</item>
/// <item><b>containment</b> = |A∩B| / min(|A|,|B|), counted only when the shorter normalised title has at least
/// <see cref="MinContainedLength"/> characters (so a short common phrase like "质量管理" does not flag a long title).</item>
/// </list>
/// The score is the larger of the two (0–1); a pair is flagged at <see cref="Threshold"/> or more. Example: AL-001
/// "一颗螺丝钉的质量长征：电站设备全生命周期质量管控" contains YJ-001 "一颗螺丝钉的质量长征" whole: containment 1.0, flagged.
/// </summary>
public static class TitleSimilarity
{
    /// <summary>
    /// Flag at a score of 0.7 or more. Chosen on the 2025 seeds: it flags titles that (nearly) contain another track's
    /// title (AL-001/YJ-001 1.00, WDY-008 "大白兔的甜"/YJ-012 0.73) and not two titles that only share a phrase
    /// (AL-006 "乳制品从牧场到餐桌的全链条追溯"/YJ-009 "从牧场到餐桌的质量链" 0.67). Staff decide on every flag.
    /// </summary>
    public const double Threshold = 0.7;

    /// <summary>Containment counts only when the shorter normalised title has at least 6 characters.</summary>
    public const int MinContainedLength = 6;

    /// <summary>The similarity of two titles, 0 (nothing shared) to 1 (same after normalisation).</summary>
    public static double Score(string a, string b)
    {
        var x = Normalise(a);
        var y = Normalise(b);
        if (x.Length == 0 || y.Length == 0) return 0;
        if (x == y) return 1;
        var bx = Bigrams(x);
        var by = Bigrams(y);
        if (bx.Count == 0 || by.Count == 0) return 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in bx) counts[g] = counts.GetValueOrDefault(g) + 1;
        var common = 0;
        foreach (var g in by)
            if (counts.TryGetValue(g, out var c) && c > 0) { counts[g] = c - 1; common++; }
        var dice = 2.0 * common / (bx.Count + by.Count);
        var shorter = Math.Min(x.Length, y.Length);
        var containment = shorter >= MinContainedLength ? (double)common / Math.Min(bx.Count, by.Count) : 0;
        return Math.Max(dice, containment);
    }

    /// <summary>True when <see cref="Score"/> reaches <see cref="Threshold"/>.</summary>
    public static bool IsRepeat(string a, string b) => Score(a, b) >= Threshold;

    /// <summary>NFKC, lower case, letters and digits only (punctuation, symbols and whitespace removed).</summary>
    public static string Normalise(string s)
    {
        var n = s.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(n.Length);
        foreach (var c in n)
        {
            var cat = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || cat is UnicodeCategory.Surrogate) sb.Append(c);
        }
        return sb.ToString();
    }

    private static List<string> Bigrams(string s)
    {
        var list = new List<string>(Math.Max(0, s.Length - 1));
        for (var i = 0; i + 1 < s.Length; i++) list.Add(s.Substring(i, 2));
        if (list.Count == 0 && s.Length == 1) list.Add(s);
        return list;
    }
}
