namespace Judging.Tests.Domain.Awards;

using Judging.Domain.Awards;
using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Awards.SmallCompetition;

/// <summary>
/// Before the final is held (issue 10, item 13) the proposal must not leave the finalists out of the tiers without saying
/// so: they are shown as 待决赛, holding the top places of the award order (the final ranks them), the tiers are computed on
/// what is known, and a tie inside the remaining field is flagged. On <see cref="SmallCompetition"/>, tiers 1/1/2:
/// <code>
/// place  entry                  tier
/// 1–3    PD02, XH01, XH02       待决赛 (the final decides 一等奖, 二等奖 and one 三等奖 among them)
/// 4      PD01 86                三等奖 (known: three finalists stand before it whatever the final)
/// 5, 6   PD03 80.667, XH03 76   参赛成果证书
/// </code>
/// Before: 一等奖 went to PD01, 二等奖 to PD03, 三等奖 to XH03 and the finalists got nothing, with no word of the final.
/// </summary>
public sealed class AwaitingFinalTests
{
    private static TrackInput BeforeTheFinal() => Input() with { FinalCards = [], FinalPending = true };

    private static ResultLine L(TrackOutcome o, string code) => o.Lines.Single(l => l.Code == code);

    [Fact]
    public void Before_the_final_the_finalists_await_it_at_the_top_and_the_known_tiers_follow()
    {
        var o = TrackResults.Compute(BeforeTheFinal());
        Assert.Equal(["待决赛", "待决赛", "待决赛"], new[] { "PD02", "XH01", "XH02" }.Select(c => L(o, c).Award));
        Assert.All(new[] { "PD02", "XH01", "XH02" }, c => Assert.Contains("一等奖、二等奖、三等奖", L(o, c).TierRemark));
        Assert.Equal(("三等奖", AwardTier.Third), (L(o, "PD01").Award, L(o, "PD01").Tier));
        Assert.Equal(["参赛成果证书", "参赛成果证书"], new[] { "PD03", "XH03" }.Select(c => L(o, c).Award));
        Assert.True(o.Tiers.AwaitingFinal);
        Assert.False(o.Settled); // nothing to confirm before the final
        Assert.Equal(["PD02", "XH01", "XH02"], o.Tiers.Lines.Where(l => l.Candidate.AwaitingFinal).Select(l => l.Candidate.Code));
    }

    [Fact]
    public void Before_the_final_a_tie_inside_the_remaining_field_is_flagged()
    {
        // 三等奖 for 3 entries, and XH03 scored like PD03 (80.667, equal on every tie-break key): places 4–6 are PD01, then
        // PD03 and XH03 tied across the end of 三等奖 (place 5 of 5). The final cannot move them: flag the tie now.
        var input = BeforeTheFinal();
        input = input with
        {
            PreliminaryCards = input.PreliminaryCards.Where(c => c.EntryId != 7).Concat(Cards(7, 21, [40, 40], [40, 40], [41, 41])).ToList(),
            TierRules = new TierRules
            {
                Quotas = [new(AwardTier.First, QuotaKind.Count, 1), new(AwardTier.Second, QuotaKind.Count, 1), new(AwardTier.Third, QuotaKind.Count, 3)],
            },
        };
        var o = TrackResults.Compute(input);
        var tie = Assert.Single(o.Tiers.Ties);
        Assert.Equal("tier:3", tie.Key);
        Assert.False(tie.Resolved);
        Assert.Equal([3, 7], tie.Inside.Concat(tie.Outside).Order());
        Assert.Contains("待组委会决定", L(o, "XH03").TierRemark);
    }

    [Fact]
    public void Once_held_the_final_ranks_the_finalists_as_before()
    {
        var o = TrackResults.Compute(Input());
        Assert.False(o.Tiers.AwaitingFinal);
        Assert.Equal(["三等奖", "二等奖", "参赛成果证书", "", "三等奖", "一等奖", "参赛成果证书", "参赛成果证书"], o.Lines.Select(l => l.Award));
    }

    [Fact]
    public void A_packet_of_a_held_final_has_the_same_hash_as_before_the_field_existed()
    {
        // FinalPending is false in every confirmed packet and is left out of its JSON, so stored hashes still verify.
        var o = TrackResults.Compute(Input());
        Assert.DoesNotContain("finalPending", AuditPacket.Create(Input(), o).ToJson());
        Assert.Contains("\"finalPending\": true", AuditPacket.Create(BeforeTheFinal(), TrackResults.Compute(BeforeTheFinal())).ToJson());
        Assert.True(AuditPacket.Verify(AuditPacket.Create(BeforeTheFinal(), TrackResults.Compute(BeforeTheFinal())).ToJson()).Verified);
    }
}
