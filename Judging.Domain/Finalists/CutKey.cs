namespace Judging.Domain.Finalists;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>What kind of cut a tie in the finalist proposal is at (<see cref="CutKey.Kind"/>).</summary>
public enum CutKind
{
    /// <summary>The last seat of the overall list (总名额). Settled by a <see cref="TieResolution"/>.</summary>
    Overall,
    /// <summary>The last seat of one division's list (or of the one list of a track without divisions). Settled by a <see cref="TieResolution"/>.</summary>
    Division,
    /// <summary>
    /// A unit or group cap between entries equal on every key (名额限制): only one may sit, and the rules cannot say which.
    /// Settled by a reasoned override (调出 one, or 破格入围 the other), never by a tie resolution.
    /// </summary>
    Cap,
}

/// <summary>
/// Names one tie of a finalist proposal: <see cref="CutTie.Key"/>, <see cref="FinalistLine.TieKey"/> and the key of the
/// organiser's tie decisions (<see cref="FinalistDecisions.Ties"/>).
/// <para>
/// Written as text (<see cref="ToString"/>) wherever it is stored: the organiser's decision rows, the audit packet's
/// JSON (whose SHA-256 covers it), the finalist JSON and the page's test ids. The forms are the ones the engine has
/// written since it was first released, and must never change: <c>overall</c>, <c>division:{divisionId}</c>,
/// <c>division:none</c> (a track without divisions) and <c>cap:{entryId}</c> (the entry the cap keeps out). Ids are
/// written in invariant digits, so <see cref="Parse"/> of a key's text gives the key back and back again.
/// </para>
/// <c>default</c> is <see cref="Overall"/>.
/// </summary>
[JsonConverter(typeof(CutKeyJsonConverter))]
public readonly record struct CutKey
{
    private CutKey(CutKind kind, int? id) => (Kind, Id) = (kind, id);

    /// <summary>Which cut.</summary>
    public CutKind Kind { get; }

    /// <summary>The division's id (<see cref="CutKind.Division"/>; null for a track without divisions), the entry kept out by the cap (<see cref="CutKind.Cap"/>), or null (<see cref="CutKind.Overall"/>).</summary>
    public int? Id { get; }

    /// <summary>The overall list's last seat: <c>overall</c>.</summary>
    public static CutKey Overall => default;

    /// <summary>A division list's last seat: <c>division:{divisionId}</c>, or <c>division:none</c> when <paramref name="divisionId"/> is null.</summary>
    public static CutKey Division(int? divisionId) => new(CutKind.Division, divisionId);

    /// <summary>A cap between equal entries that keeps out <paramref name="entryId"/>: <c>cap:{entryId}</c>.</summary>
    public static CutKey Cap(int entryId) => new(CutKind.Cap, entryId);

    /// <summary>
    /// True for a tie under a unit or group cap: it is settled by an override with a reason (调出 one entry or 破格入围 the
    /// other), not by a tie resolution.
    /// </summary>
    public bool IsCap => Kind == CutKind.Cap;

    /// <summary>The stored form: <c>overall</c>, <c>division:3</c>, <c>division:none</c> or <c>cap:12</c>.</summary>
    public override string ToString() => Kind switch
    {
        CutKind.Division => Id is { } d ? $"division:{Text(d)}" : "division:none",
        CutKind.Cap => $"cap:{Text(Id!.Value)}",
        _ => "overall",
    };

    /// <summary>Reads a stored key; false for any text <see cref="ToString"/> does not write (e.g. <c>division:03</c>, <c>Overall</c>).</summary>
    public static bool TryParse(string? text, out CutKey key)
    {
        CutKey? parsed = Split(text) switch
        {
            ("overall", null) => Overall,
            ("division", "none") => Division(null),
            ("division", { } t) when Number(t) is { } d => Division(d),
            ("cap", { } t) when Number(t) is { } e => Cap(e),
            _ => null,
        };
        key = parsed ?? default;
        return parsed is not null;
    }

    /// <summary>Reads a stored key; throws <see cref="FormatException"/> for text that is not one.</summary>
    public static CutKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"不是入围名单的同分键：“{text}”");

    private static (string? Head, string? Tail) Split(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return text is null || colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id in <paramref name="text"/> when <see cref="Text"/> writes it exactly so (no sign +, no leading zeros, no spaces).</summary>
    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && Text(n) == text ? n : null;
}

/// <summary>Writes a <see cref="CutKey"/> as its stored text, as a value and as a dictionary key (property name).</summary>
public sealed class CutKeyJsonConverter : JsonConverter<CutKey>
{
    /// <inheritdoc />
    public override CutKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CutKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    /// <inheritdoc />
    public override CutKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, CutKey value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());

    private static CutKey Parse(string? text) =>
        CutKey.TryParse(text, out var key) ? key : throw new JsonException($"不是入围名单的同分键：“{text}”");
}
