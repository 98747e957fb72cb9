namespace Judging.Domain.Competitions;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// A text the rules build (a finalist's remark, a tie's explanation, a tier size's arithmetic), kept as its zh-CN composite
/// format and arguments so that each reader gets it in their language. <see cref="ToString"/> is the zh-CN text, the one
/// the audit log, the audit packet and the exports record (so their bytes do not depend on who looks); the app words it in
/// the page's language with <c>Wordings.Word</c> (issue 12, section 3), which looks the format up as a key in
/// <c>Resources/Wordings.en.resx</c> and formats the same arguments. An argument that is itself a <see cref="Wording"/> is
/// worded the same way; any other argument (a code, a unit's name, a number) is data and is formatted as it is.
/// In JSON a wording is its zh-CN text (a string), so records that hold one serialise as before.
/// </summary>
[JsonConverter(typeof(WordingJsonConverter))]
public sealed class Wording : IEquatable<Wording>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private Wording(string format, IReadOnlyList<object?> args, string? separator)
    {
        Format = format;
        Args = args;
        Separator = separator;
    }

    /// <summary>The zh-CN composite format ("候补第 {0} 位"), or the whole text when there are no arguments; the resource key.</summary>
    public string Format { get; }

    /// <summary>The arguments of <see cref="Format"/> (or the parts of a <see cref="Join"/>), in order.</summary>
    public IReadOnlyList<object?> Args { get; }

    /// <summary>For a <see cref="Join"/>: the zh-CN separator ("，", "；", "、"), itself a key; otherwise null.</summary>
    public string? Separator { get; }

    /// <summary>
    /// A text from a zh-CN composite format and its arguments (<see cref="string.Format(IFormatProvider, string, object?[])"/>
    /// rules). With no arguments the format is the text itself and braces in it need no escaping.
    /// </summary>
    public static Wording Of(string format, params object?[] args) => new(format, args, null);

    /// <summary>The parts joined by a separator (a zh-CN punctuation mark, worded too: "，" is ", " in English).</summary>
    public static Wording Join(string separator, IEnumerable<Wording> parts) => new("", parts.Cast<object?>().ToList(), separator);

    /// <summary>Data that is shown as it is in every language (it has no resource key), e.g. a reason a person wrote.</summary>
    public static Wording Data(string text) => new("{0}", [text], null);

    /// <summary>
    /// The text in the language that <paramref name="translate"/> gives (a format or separator → its wording; it returns the
    /// key when it has none) with numbers formatted by <paramref name="culture"/>.
    /// </summary>
    public string Render(Func<string, string> translate, IFormatProvider culture)
    {
        ArgumentNullException.ThrowIfNull(translate);
        if (Separator is { } separator)
            return string.Join(translate(separator), Args.Select(a => Arg(a, translate, culture)));
        if (Args.Count == 0) return translate(Format);
        return string.Format(culture, translate(Format), Args.Select(a => Arg(a, translate, culture)).ToArray());
    }

    private static object? Arg(object? a, Func<string, string> translate, IFormatProvider culture) =>
        a is Wording w ? w.Render(translate, culture) : a;

    /// <summary>The zh-CN text, as the audit log and exports record it.</summary>
    public override string ToString() => Render(static f => f, Chinese);

    /// <summary>Two wordings are equal when their zh-CN texts are.</summary>
    public bool Equals(Wording? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Wording);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Equal zh-CN texts.</summary>
    public static bool operator ==(Wording? a, Wording? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Different zh-CN texts.</summary>
    public static bool operator !=(Wording? a, Wording? b) => !(a == b);
}

/// <summary>Writes a <see cref="Wording"/> as its zh-CN text; reads a string back as that text (<see cref="Wording.Data"/>).</summary>
public sealed class WordingJsonConverter : JsonConverter<Wording>
{
    /// <inheritdoc/>
    public override Wording? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Wording.Data(reader.GetString() ?? "");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Wording value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
