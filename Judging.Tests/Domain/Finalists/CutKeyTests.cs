namespace Judging.Tests.Domain.Finalists;

using System.Text.Json;
using Judging.Domain.Finalists;

/// <summary>
/// The cut keys are stored as text (the organiser's tie decisions, audit packets hashed with SHA-256, the finalist JSON),
/// so a key's text must be exactly what the engine has written since its first release, and read back to the same key.
/// </summary>
public sealed class CutKeyTests
{
    public static TheoryData<string, CutKind, int?> EveryStoredForm => new()
    {
        { "overall", CutKind.Overall, null },
        { "division:3", CutKind.Division, 3 },
        { "division:12345", CutKind.Division, 12345 },
        { "division:none", CutKind.Division, null },
        { "cap:12", CutKind.Cap, 12 },
        { "cap:1", CutKind.Cap, 1 },
    };

    [Theory]
    [MemberData(nameof(EveryStoredForm))]
    public void Every_key_format_written_today_parses_to_its_kind_and_id_and_writes_back_the_same_text(string text, CutKind kind, int? id)
    {
        var key = CutKey.Parse(text);
        Assert.Equal((kind, id), (key.Kind, key.Id));
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, CutKey.Parse(key.ToString()));
        Assert.Equal(kind == CutKind.Cap, key.IsCap);
    }

    [Fact]
    public void The_factories_write_the_texts_the_engine_always_wrote()
    {
        Assert.Equal("overall", CutKey.Overall.ToString());
        Assert.Equal("overall", default(CutKey).ToString());
        Assert.Equal("division:3", CutKey.Division(3).ToString());
        Assert.Equal("division:none", CutKey.Division(null).ToString());
        Assert.Equal("cap:12", CutKey.Cap(12).ToString());
        Assert.NotEqual(CutKey.Division(12), CutKey.Cap(12));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Overall")]
    [InlineData("overall:1")]
    [InlineData("division")]
    [InlineData("division:")]
    [InlineData("division:03")]
    [InlineData("division:+3")]
    [InlineData("division: 3")]
    [InlineData("division:None")]
    [InlineData("cap:")]
    [InlineData("cap:none")]
    [InlineData("cap:1:2")]
    [InlineData("tier:1")]
    public void Text_the_engine_never_writes_is_not_a_cut_key(string text)
    {
        // Anything else would not write back to the same text, and a packet holding it would no longer hash the same.
        Assert.False(CutKey.TryParse(text, out _));
        Assert.Throws<FormatException>(() => CutKey.Parse(text));
    }

    [Fact]
    public void In_json_a_key_is_its_text_as_a_value_and_as_a_dictionary_key()
    {
        var ties = new Dictionary<CutKey, TieResolution>
        {
            [CutKey.Division(1)] = TieResolution.TieBreak,
            [CutKey.Division(null)] = TieResolution.Pending,
            [CutKey.Overall] = TieResolution.IncludeAll,
            [CutKey.Cap(5)] = TieResolution.TieBreak,
        };
        var json = JsonSerializer.Serialize(new { key = CutKey.Cap(12), ties });
        Assert.Equal("""{"key":"cap:12","ties":{"division:1":2,"division:none":0,"overall":1,"cap:5":2}}""", json);
        var back = JsonSerializer.Deserialize<Dictionary<CutKey, TieResolution>>("""{"division:1":2,"division:none":0,"overall":1,"cap:5":2}""")!;
        Assert.Equal(ties, back);
        Assert.Equal(ties.Keys, back.Keys);                                       // the order, too: it is part of the hashed text
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<CutKey, TieResolution>>("""{"division:01":2}"""));
    }
}
