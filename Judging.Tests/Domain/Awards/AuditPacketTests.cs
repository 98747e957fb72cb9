namespace Judging.Tests.Domain.Awards;

using System.Text.Json.Nodes;
using Judging.Domain.Awards;
using Judging.Domain.Finalists;
using Judging.Tests.Support;
using static Judging.Tests.Domain.Awards.SmallCompetition;

/// <summary>The audit packet: SHA-256 over input and results, and a recomputation anyone can run.</summary>
public sealed class AuditPacketTests
{
    private static string PacketJson(TrackInput? input = null)
    {
        input ??= Input();
        return AuditPacket.Create(input, TrackResults.Compute(input)).ToJson();
    }

    private static string Edit(string json, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(json)!;
        edit(node);
        return node.ToJsonString();
    }

    private static int IndexOf(JsonNode packet, string code) =>
        packet["results"]!.AsArray().Select((r, i) => (r, i)).Single(x => (string?)x.r!["code"] == code).i;

    /// <summary>
    /// <c>Fixtures/audit-packet-every-cut-key.json</c>: the small competition with an admission and a tie decision under every
    /// cut key the engine has ever written (<c>division:{id}</c>, <c>division:none</c>, <c>overall</c>, <c>cap:{entryId}</c>)
    /// and a tier decision, stored by the code of 2026-11-25 before the cut keys were typed.
    /// </summary>
    private static TrackInput InputWithEveryCutKey() => Input() with
    {
        FinalistDecisions = new FinalistDecisions
        {
            Overrides = [new FinalistOverride(1, OverrideKind.Admit, "同一单位两个品牌")],
            Ties = new Dictionary<CutKey, TieResolution>
            {
                [CutKey.Parse("division:1")] = TieResolution.TieBreak,
                [CutKey.Parse("division:2")] = TieResolution.Pending,
                [CutKey.Parse("division:none")] = TieResolution.IncludeAll,
                [CutKey.Parse("overall")] = TieResolution.IncludeAll,
                [CutKey.Parse("cap:5")] = TieResolution.TieBreak,
            },
        },
        TierDecisions = new Dictionary<string, TieResolution> { ["tier:1"] = TieResolution.ExcludeAll },
    };

    [Fact]
    public void A_stored_packet_with_every_kind_of_cut_key_verifies_and_is_written_back_byte_for_byte()
    {
        var stored = File.ReadAllText(Path.Combine(Paths.Root, "Judging.Tests", "Fixtures", "audit-packet-every-cut-key.json"));
        var check = AuditPacket.Verify(stored);
        Assert.True(check.Verified, string.Join("\n", check.Differences));
        Assert.Equal(stored, AuditPacket.Parse(stored).ToJson());
        // The same input built today serialises to the same bytes, so it hashes the same.
        var input = InputWithEveryCutKey();
        var again = AuditPacket.Create(input, TrackResults.Compute(input));
        Assert.Equal(check.Packet!.Sha256, again.Sha256);
        Assert.Equal(stored, again.ToJson());
    }

    [Fact]
    public void A_fresh_packet_verifies()
    {
        var json = PacketJson();
        var check = AuditPacket.Verify(json);
        Assert.True(check.Readable);
        Assert.True(check.HashMatches);
        Assert.True(check.ResultsMatch, string.Join("\n", check.Differences));
        Assert.True(check.Verified);
        Assert.Empty(check.Differences);
        Assert.Equal(8, check.Packet!.Results.Count);
    }

    [Fact]
    public void The_packet_is_readable_json_with_a_lower_case_sha256()
    {
        var input = Input();
        var packet = AuditPacket.Create(input, TrackResults.Compute(input));
        Assert.Matches("^[0-9a-f]{64}$", packet.Sha256);
        Assert.Equal(AuditPacket.FormatTag, packet.Format);
        var json = packet.ToJson();
        Assert.Contains("浦东赛区", json);      // Chinese kept readable, not \u-escaped
        Assert.Contains("参赛成果证书", json);
        Assert.Contains("\"sha256\"", json);
        Assert.Contains("\"preliminaryCards\"", json);
        // Equal inputs give equal hashes.
        Assert.Equal(packet.Sha256, AuditPacket.Create(Input(), TrackResults.Compute(Input())).Sha256);
    }

    [Fact]
    public void Whitespace_does_not_matter_only_content()
    {
        // The hash is over the canonical form, so re-serialising the JSON compactly still verifies.
        var compact = JsonNode.Parse(PacketJson())!.ToJsonString();
        Assert.True(AuditPacket.Verify(compact).Verified);
    }

    [Fact]
    public void Changing_one_point_of_one_card_breaks_the_hash_and_the_recomputation()
    {
        // PD02's first card 42 → 45 on criterion 1 (the first preliminary card of entry 2). The stored results no longer
        // follow: PD02's preliminary score is 84 in the results, 85 recomputed.
        var json = Edit(PacketJson(), p =>
        {
            var card = p["input"]!["preliminaryCards"]!.AsArray().First(c => (int)c!["entryId"]! == 2)!;
            card["points"]![0] = 45;
        });
        var check = AuditPacket.Verify(json);
        Assert.True(check.Readable);
        Assert.False(check.HashMatches);
        Assert.False(check.ResultsMatch);
        Assert.False(check.Verified);
        Assert.Contains(check.Differences, d => d.Contains("SHA-256"));
        Assert.Contains(check.Differences, d => d.StartsWith("PD02：", StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_result_line_while_keeping_the_hash_is_detected_twice()
    {
        // XH02 won 一等奖; the packet is edited to say 二等奖.
        var json = Edit(PacketJson(), p => p["results"]![IndexOf(p, "XH02")]!["award"] = "二等奖");
        var check = AuditPacket.Verify(json);
        Assert.False(check.HashMatches);
        Assert.False(check.ResultsMatch);
        Assert.Contains(check.Differences, d => d.StartsWith("XH02：", StringComparison.Ordinal) && d.Contains("二等奖") && d.Contains("一等奖"));
    }

    [Fact]
    public void Changing_a_rule_breaks_the_hash()
    {
        // Raise the unit cap to 2 in the stored rules: PD01 would then be a finalist, so the results differ too.
        var json = Edit(PacketJson(), p => p["input"]!["finalistRules"]!["unitCap"] = 2);
        var check = AuditPacket.Verify(json);
        Assert.False(check.HashMatches);
        Assert.False(check.ResultsMatch);
    }

    [Fact]
    public void A_packet_hashed_over_wrong_results_has_an_intact_hash_but_fails_the_recomputation()
    {
        // Someone builds a packet with the code but hands it results that do not follow from the input: the hash
        // only proves the packet is unchanged since it was made; the recomputation shows the results are wrong.
        var input = Input();
        var outcome = TrackResults.Compute(input);
        var forged = outcome with { Lines = outcome.Lines.Select(l => l.Code == "PD03" ? l with { Award = "三等奖" } : l).ToList() };
        var check = AuditPacket.Verify(AuditPacket.Create(input, forged).ToJson());
        Assert.True(check.HashMatches);
        Assert.False(check.ResultsMatch);
        Assert.False(check.Verified);
        Assert.Equal(["PD03：记录为 Reserve/80.6667//三等奖，重新计算为 Reserve/80.6667//参赛成果证书"], check.Differences);
    }

    [Fact]
    public void Missing_and_extra_result_lines_are_reported()
    {
        var input = Input();
        var outcome = TrackResults.Compute(input);
        var missing = outcome with { Lines = outcome.Lines.Where(l => l.Code != "XH03").ToList() };
        var check = AuditPacket.Verify(AuditPacket.Create(input, missing).ToJson());
        Assert.False(check.ResultsMatch);
        Assert.Contains("XH03：审计包中缺少此作品的结果", check.Differences);

        var extra = outcome with { Lines = [.. outcome.Lines, outcome.Lines[0] with { EntryId = 99, Code = "ZZ99" }] };
        var check2 = AuditPacket.Verify(AuditPacket.Create(input, extra).ToJson());
        Assert.False(check2.ResultsMatch);
        Assert.Contains(check2.Differences, d => d.Contains("ZZ99"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"format\":\"something-else/1\",\"input\":null,\"results\":[],\"sha256\":\"00\"}")]
    public void Unreadable_packets_are_reported_not_thrown(string json)
    {
        var check = AuditPacket.Verify(json);
        Assert.False(check.Readable);
        Assert.False(check.Verified);
        Assert.NotEmpty(check.Differences);
    }

    [Fact]
    public void A_wrong_format_tag_is_refused()
    {
        var json = Edit(PacketJson(), p => p["format"] = "judging-audit-packet/0");
        var check = AuditPacket.Verify(json);
        Assert.False(check.Readable);
        Assert.Contains("格式标记", Assert.Single(check.Differences));
    }

    [Fact]
    public void A_packet_with_a_duplicated_result_line_is_reported_not_thrown()
    {
        var json = Edit(PacketJson(), p => p["results"]!.AsArray().Add(p["results"]![0]!.DeepClone()));
        var check = AuditPacket.Verify(json);
        Assert.True(check.Readable);
        Assert.False(check.HashMatches);
        Assert.False(check.ResultsMatch);

        // Hashed that way from the start: the hash holds, the extra copy still fails the comparison.
        var input = Input();
        var outcome = TrackResults.Compute(input);
        var doubled = AuditPacket.Verify(AuditPacket.Create(input, outcome with { Lines = [.. outcome.Lines, outcome.Lines[0]] }).ToJson());
        Assert.True(doubled.HashMatches);
        Assert.False(doubled.ResultsMatch);
        Assert.Contains("PD01：审计包中此作品的结果出现多次", doubled.Differences);
    }

    [Theory]
    [InlineData("scoring")]
    [InlineData("finalistRules")]
    [InlineData("tierRules")]
    [InlineData("tierDecisions")]
    [InlineData("finalistDecisions")]
    public void A_packet_with_a_null_part_of_the_input_is_reported_not_thrown(string part)
    {
        var check = AuditPacket.Verify(Edit(PacketJson(), p => p["input"]![part] = null));
        Assert.False(check.Verified);
        Assert.NotEmpty(check.Differences);
    }

    [Fact]
    public void A_packet_with_null_lines_or_an_unknown_tie_break_is_reported_not_thrown()
    {
        var nullEntry = AuditPacket.Verify(Edit(PacketJson(), p => p["input"]!["entries"]![0] = null));
        Assert.False(nullEntry.Verified);
        var nullResult = AuditPacket.Verify(Edit(PacketJson(), p => p["results"]![0] = null));
        Assert.False(nullResult.Verified);
        var unknownTieBreak = AuditPacket.Verify(Edit(PacketJson(), p => p["input"]!["scoring"]!["tieBreaks"] = new JsonArray("Loudest")));
        Assert.False(unknownTieBreak.Verified);
        Assert.Contains(unknownTieBreak.Differences, d => d.Contains("无法按审计包中的规则重新计算"));
    }

    [Fact]
    public void A_packet_with_missing_parts_of_the_input_is_reported_not_thrown()
    {
        var noEntries = Edit(PacketJson(), p => p["input"]!["entries"] = null);
        Assert.False(AuditPacket.Verify(noEntries).Verified);
        var noPoints = Edit(PacketJson(), p => p["input"]!["preliminaryCards"]![0]!["points"] = null);
        Assert.False(AuditPacket.Verify(noPoints).Verified);
        var shortCard = Edit(PacketJson(), p => p["input"]!["preliminaryCards"]![0]!["points"] = new JsonArray(40));
        Assert.False(AuditPacket.Verify(shortCard).Verified);
        var badRules = Edit(PacketJson(), p => p["input"]!["finalistRules"]!["perDivision"] = null);
        var check = AuditPacket.Verify(Edit(badRules, p => p["input"]!["finalistRules"]!["overall"] = null));
        Assert.False(check.Verified);
        Assert.Contains(check.Differences, d => d.Contains("无法按审计包中的规则重新计算"));
    }
}
