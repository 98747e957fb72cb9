namespace Judging.Domain.Films;

using System.Buffers.Binary;

/// <summary>The video containers a film may be uploaded in (issue 4: MP4, MOV or WebM, recognised by content).</summary>
public enum VideoContainer
{
    /// <summary>ISO base media file (ISO/IEC 14496-12/-14), <c>video/mp4</c>, extension <c>.mp4</c>.</summary>
    Mp4,
    /// <summary>QuickTime movie (<c>ftyp</c> brand <c>qt  </c>), <c>video/quicktime</c>, extension <c>.mov</c>.</summary>
    Mov,
    /// <summary>WebM (EBML with DocType <c>webm</c>), <c>video/webm</c>, extension <c>.webm</c>.</summary>
    WebM,
}

/// <summary>
/// Recognises a film's container from its first bytes, never from its file name (issue 4: "only MP4/MOV/WebM by content,
/// not by file name"), and holds the size limit (seed 000, 一、参赛要求: 微电影 "视频 ≤ 1 GB").
/// </summary>
public static class VideoFormat
{
    /// <summary>The largest film accepted: 1 GiB = 1,073,741,824 bytes (seed 000: "视频文件不超过 1 GB").</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>
    /// How many leading bytes <see cref="Sniff"/> looks at (4,096 bytes): enough for an <c>ftyp</c> box and a whole
    /// EBML header. Fewer bytes are fine for a short file.
    /// </summary>
    public const int SniffBytes = 4096;

    /// <summary>Major brands of an <c>ftyp</c> box taken as MP4 (issue 4 list, plus the later ISO brands iso3–iso6).</summary>
    public static readonly IReadOnlySet<string> Mp4Brands = new HashSet<string>(StringComparer.Ordinal)
    {
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V ",
    };

    /// <summary>The major brand of a QuickTime movie.</summary>
    public const string QuickTimeBrand = "qt  ";

    /// <summary>
    /// The container of a file starting with <paramref name="head"/> (its first bytes, ideally <see cref="SniffBytes"/>),
    /// or null when it is none of MP4, MOV, WebM: a text file renamed <c>.mp4</c>, Matroska (<c>.mkv</c>, DocType
    /// <c>matroska</c>), AVI (<c>RIFF…AVI </c>), an M4A audio file (brand <c>M4A </c>), an empty file. Never throws.
    /// </summary>
    public static VideoContainer? Sniff(ReadOnlySpan<byte> head)
    {
        if (IsoBmffBrand(head) is { } brand)
        {
            if (brand == QuickTimeBrand) return VideoContainer.Mov;
            if (Mp4Brands.Contains(brand)) return VideoContainer.Mp4;
            return null;
        }
        return EbmlDocType(head) == "webm" ? VideoContainer.WebM : null;
    }

    /// <summary>The MIME type served for <paramref name="c"/>: <c>video/mp4</c>, <c>video/quicktime</c> or <c>video/webm</c>.</summary>
    public static string ContentType(VideoContainer c) => c switch
    {
        VideoContainer.Mp4 => "video/mp4",
        VideoContainer.Mov => "video/quicktime",
        VideoContainer.WebM => "video/webm",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The file extension with its dot: <c>.mp4</c>, <c>.mov</c> or <c>.webm</c>.</summary>
    public static string Extension(VideoContainer c) => c switch
    {
        VideoContainer.Mp4 => ".mp4",
        VideoContainer.Mov => ".mov",
        VideoContainer.WebM => ".webm",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>
    /// The major brand (4 ASCII characters) when <paramref name="head"/> starts with an ISO-BMFF <c>ftyp</c> box:
    /// a 32-bit big-endian box size (8 or more, or 1 for a 64-bit size), then <c>ftyp</c>, then the brand. Else null.
    /// </summary>
    private static string? IsoBmffBrand(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12) return null;
        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (size != 1 && size < 12) return null;
        if (!head.Slice(4, 4).SequenceEqual("ftyp"u8)) return null;
        var brand = head.Slice(8, 4);
        foreach (var b in brand) if (b < 0x20 || b > 0x7E) return null;
        return System.Text.Encoding.ASCII.GetString(brand);
    }

    /// <summary>
    /// The DocType string of an EBML header (element 0x1A45DFA3, child 0x4282) at the start of <paramref name="head"/>,
    /// or null when there is no such header or it is cut short. EBML variable-length integers, RFC 8794 §4.
    /// </summary>
    private static string? EbmlDocType(ReadOnlySpan<byte> head)
    {
        if (head.Length < 5 || !head[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return null;
        var pos = 4;
        if (ReadVint(head, ref pos, keepMarker: false) is not { } headerSize) return null;
        var end = headerSize > (ulong)(head.Length - pos) ? head.Length : pos + (int)headerSize;
        while (pos < end)
        {
            if (ReadVint(head, ref pos, keepMarker: true) is not { } id) return null;
            if (ReadVint(head, ref pos, keepMarker: false) is not { } size) return null;
            if (size > (ulong)(end - pos)) return null;
            if (id == 0x4282)
            {
                var text = head.Slice(pos, (int)size);
                var nul = text.IndexOf((byte)0);
                return System.Text.Encoding.ASCII.GetString(nul >= 0 ? text[..nul] : text);
            }
            pos += (int)size;
        }
        return null;
    }

    /// <summary>Reads an EBML variable-length integer (1–8 bytes) at <paramref name="pos"/>; null when cut short or invalid.</summary>
    private static ulong? ReadVint(ReadOnlySpan<byte> s, ref int pos, bool keepMarker)
    {
        if (pos >= s.Length || s[pos] == 0) return null;
        var first = s[pos];
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 24 + 1;
        if (pos + length > s.Length) return null;
        ulong value = keepMarker ? first : (ulong)(first & (0xFF >> length));
        for (var i = 1; i < length; i++) value = (value << 8) | s[pos + i];
        pos += length;
        return value;
    }
}
