namespace Judging.App.Hosting;

using PdfSharp.Fonts;

/// <summary>
/// The one CJK font the app's PDFs are drawn with (PDFsharp 6.2.4; issue 14, §1, shared with issue 15's forms): the first of
/// <see cref="FontPaths"/> that exists is handed to PDFsharp through its <see cref="IFontResolver"/>
/// (<see cref="GlobalFontSettings.FontResolver"/>, set once per process) and embedded as a subset. Every family name resolves to
/// it (bold and italic simulated); draw with <see cref="Family"/>. Noto CJK, which Debian ships as a collection with CFF
/// outlines, is not on the list: PDFsharp reads TrueType outlines only. The face has no ☐/☑ (U+2610/2611); it has □ and √.
/// </summary>
public static class CjkFonts
{
    /// <summary>Where a TrueType CJK font is looked for, in order (Debian's fonts-wqy-zenhei first, then fonts-wqy-microhei, fonts-arphic-uming).</summary>
    public static readonly IReadOnlyList<string> FontPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    /// <summary>The family name to give <c>XFont</c>; any name resolves to the same face.</summary>
    public const string Family = "JudgingCjk";

    private static readonly Lock gate = new();
    private static CjkFontResolver? resolver;

    /// <summary>
    /// True once a font of <see cref="FontPaths"/> is installed as PDFsharp's font resolver; looks again on each call until one
    /// is found (a font installed while the app runs is picked up).
    /// </summary>
    public static bool Available
    {
        get
        {
            lock (gate)
            {
                if (resolver is not null) return true;
                if (FontPaths.FirstOrDefault(File.Exists) is not { } path) return false;
                resolver = new CjkFontResolver(FirstFace(File.ReadAllBytes(path)));
                GlobalFontSettings.FontResolver = resolver;
                return true;
            }
        }
    }

    /// <summary>
    /// Returns when <see cref="Available"/>; throws <see cref="InvalidOperationException"/> ("No CJK TrueType font found in …",
    /// naming <see cref="FontPaths"/>) when no font is installed. The endpoints check <see cref="Available"/> first and answer 503.
    /// </summary>
    public static void EnsureAvailable()
    {
        if (!Available) throw new InvalidOperationException("No CJK TrueType font found in " + string.Join(", ", FontPaths));
    }

    /// <summary>
    /// The first face of a TrueType collection (.ttc, "ttcf") as a standalone TrueType font, which PDFsharp can read (it
    /// fails on a collection); a font that is not a collection is returned as it is. The face's table directory is copied with
    /// its tables, each table 4-byte aligned at its new offset (checksums are per table and stay valid).
    /// </summary>
    public static byte[] FirstFace(byte[] font)
    {
        if (font.Length < 12 || font[0] != 't' || font[1] != 't' || font[2] != 'c' || font[3] != 'f') return font;
        static uint U32(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
        static void Put32(byte[] b, int at, uint v) { b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v; }
        var face = (int)U32(font, 12);
        var tables = font[face + 4] << 8 | font[face + 5];
        var directory = 12 + 16 * tables;
        var size = directory + Enumerable.Range(0, tables).Sum(i => ((int)U32(font, face + 12 + 16 * i + 12) + 3) & ~3);
        var ttf = new byte[size];
        Array.Copy(font, face, ttf, 0, directory);
        var at = directory;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var offset = (int)U32(font, face + record + 8);
            var length = (int)U32(font, face + record + 12);
            Array.Copy(font, offset, ttf, at, length);
            Put32(ttf, record + 8, (uint)at);
            at += (length + 3) & ~3;
        }
        return ttf;
    }

    /// <summary>Every family and style resolves to the one CJK face (bold and italic simulated), the first face of a font collection.</summary>
    private sealed class CjkFontResolver(byte[] font) : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

        public byte[]? GetFont(string faceName) => font;
    }
}
