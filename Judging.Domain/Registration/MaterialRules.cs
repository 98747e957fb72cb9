namespace Judging.Domain.Registration;

using Judging.Domain.Cases;
using Judging.Domain.Competitions;

/// <summary>What a unit material is (seed 000 附件1 (三)3).</summary>
public enum MaterialKind
{
    /// <summary>加盖申报单位公章的《参赛作品申报表》(PDF), per entry.</summary>
    StampedDeclaration,
    /// <summary>申报单位LOGO (JPG), per unit.</summary>
    Logo,
    /// <summary>申报单位简介 (Word), per unit.</summary>
    Profile,
    /// <summary>其他补充说明材料 (PDF, Word, JPG or PNG), per unit or per entry.</summary>
    Extra,
}

/// <summary>A material file's format, recognised by its content (never by its name).</summary>
public enum MaterialFormat
{
    /// <summary>PDF (<c>%PDF-</c>).</summary>
    Pdf,
    /// <summary>Word 2007+ (.docx).</summary>
    Docx,
    /// <summary>JPEG (<c>FF D8 FF</c>).</summary>
    Jpeg,
    /// <summary>PNG (<c>89 50 4E 47 0D 0A 1A 0A</c>).</summary>
    Png,
}

/// <summary>
/// What each material a unit uploads must be (seed 000 附件1 (三)3: "加盖申报单位公章的《参赛作品申报表》（PDF版），申报单位LOGO
/// （jpg格式），申报单位简介（word版），以及其他补充说明材料（若有）"): the stamped declaration a PDF, the logo a JPEG, the profile a
/// Word document, extras any of PDF, Word, JPEG or PNG; each at most <see cref="MaxBytes"/>.
/// </summary>
public static class MaterialRules
{
    /// <summary>Largest material file: 20 MiB.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>The format of the first bytes of a file (<paramref name="head"/>: at least 8 bytes when the file has them), or null.
    /// A ZIP is a .docx only after <see cref="DocumentSniffer"/> confirmed it; here a ZIP header answers Docx provisionally.</summary>
    public static MaterialFormat? FormatOf(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 5 && head[..5].SequenceEqual("%PDF-"u8)) return MaterialFormat.Pdf;
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return MaterialFormat.Jpeg;
        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return MaterialFormat.Png;
        if (head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04) return MaterialFormat.Docx;
        return null;
    }

    /// <summary>The formats <paramref name="kind"/> takes.</summary>
    public static IReadOnlyList<MaterialFormat> Accepted(MaterialKind kind) => kind switch
    {
        MaterialKind.StampedDeclaration => [MaterialFormat.Pdf],
        MaterialKind.Logo => [MaterialFormat.Jpeg],
        MaterialKind.Profile => [MaterialFormat.Docx],
        _ => [MaterialFormat.Pdf, MaterialFormat.Docx, MaterialFormat.Jpeg, MaterialFormat.Png],
    };

    /// <summary>Null when a file of <paramref name="format"/> (null: not recognised) and <paramref name="size"/> bytes may be <paramref name="kind"/>, else the refusal.</summary>
    public static Wording? Refusal(MaterialKind kind, MaterialFormat? format, long size)
    {
        if (size <= 0) return Wording.Of("没有收到文件，请选择要上传的文件");
        if (size > MaxBytes) return Wording.Of("文件超过 {0} MB 的上限", MaxBytes / 1024 / 1024);
        if (format is { } f && Accepted(kind).Contains(f)) return null;
        return kind switch
        {
            MaterialKind.StampedDeclaration => Wording.Of("盖章版申报表须为 PDF 文件（按文件内容识别）"),
            MaterialKind.Logo => Wording.Of("单位LOGO须为 JPG 图片（按文件内容识别）"),
            MaterialKind.Profile => Wording.Of("单位简介须为 Word 文档（.docx，按文件内容识别）"),
            _ => Wording.Of("补充材料须为 PDF、Word（.docx）、JPG 或 PNG 文件（按文件内容识别）"),
        };
    }

    /// <summary>The file extension of a format, with the dot.</summary>
    public static string Extension(MaterialFormat f) => f switch
    {
        MaterialFormat.Pdf => ".pdf", MaterialFormat.Docx => ".docx", MaterialFormat.Jpeg => ".jpg", _ => ".png",
    };

    /// <summary>The MIME type of a format.</summary>
    public static string ContentType(MaterialFormat f) => f switch
    {
        MaterialFormat.Pdf => "application/pdf",
        MaterialFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        MaterialFormat.Jpeg => "image/jpeg",
        _ => "image/png",
    };

    /// <summary>
    /// The download name of a material, whatever it was called when uploaded (seed 000: "以“单位名称+参赛作品名称”命名"):
    /// an entry's material "单位名称+作品名称[-kind].ext", the unit's own "单位名称+单位LOGO.jpg" / "单位名称+单位简介.docx".
    /// </summary>
    public static string DownloadName(string unitName, string? entryTitle, MaterialKind kind, string extension, int? number = null)
    {
        var what = kind switch
        {
            MaterialKind.StampedDeclaration => entryTitle is null ? "申报表" : $"{entryTitle}（盖章申报表）",
            MaterialKind.Logo => "单位LOGO",
            MaterialKind.Profile => "单位简介",
            _ => entryTitle is null ? $"补充材料{number}" : $"{entryTitle}（补充材料{number}）",
        };
        var name = $"{unitName}+{what}{extension}";
        foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
        return name;
    }
}
