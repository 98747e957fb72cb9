namespace Judging.Domain.Cases;

using System.Text;

/// <summary>
/// The naming rule "单位名称+作品名称" (seed 000, 附件1 (三): 作品命名为“单位名称+参赛作品名称”): the uploaded file's
/// base name (its name without the last extension and without any folder) must equal the unit's name followed by
/// the entry's title, joined by "+", "＋" or nothing.
/// <para>Exactly: both sides are put in Unicode NFKC (so full-width "＋", "（）", "：", letters and digits equal their
/// half-width forms), then every whitespace character and the title marks 《 》 〈 〉 are removed; the file's base name
/// must then equal <c>unit + title</c> or <c>unit + "+" + title</c>. Case of Latin letters matters not (ordinal
/// ignore-case). Nothing else is tolerated: a missing unit name, an abbreviation, or a different title fails.</para>
/// </summary>
public static class NamingRule
{
    /// <summary>The file name the rule asks for, e.g. "上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx".</summary>
    public static string Expected(string unitName, string title, string extension) => $"{unitName}+{title}{extension}";

    /// <summary>True when <paramref name="fileName"/> follows the rule for the unit and title.</summary>
    public static bool Matches(string fileName, string unitName, string title)
    {
        var name = BaseName(fileName);
        var unit = Normalise(unitName);
        var t = Normalise(title);
        if (unit.Length == 0 || t.Length == 0) return false;
        return string.Equals(name, unit + t, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, unit + "+" + t, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The normalised base name of <paramref name="fileName"/>: no folder, no last extension, see <see cref="Normalise"/>.</summary>
    public static string BaseName(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot > 0) name = name[..dot];
        return Normalise(name);
    }

    /// <summary>NFKC, then without whitespace and without 《 》 〈 〉.</summary>
    public static string Normalise(string s)
    {
        var n = s.Normalize(NormalizationForm.FormKC);
        var b = new StringBuilder(n.Length);
        foreach (var c in n)
            if (!char.IsWhiteSpace(c) && c is not ('《' or '》' or '〈' or '〉')) b.Append(c);
        return b.ToString();
    }
}
