namespace Judging.Tests.Domain.Registration;

using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// The intake calendar (issue 15, "Limits and deadlines"; seed 000 附件1 (一)–(五)): seed 000's dates as UTC instants, a
/// deadline at its instant is passed and one tick before it is not, the dates shown in Beijing time (an end of day as
/// 24:00), what a unit can still do between the deadlines, and the organiser's inconsistent dates.
/// </summary>
public sealed class IntakeCalendarTests
{
    private static readonly IntakeCalendar C = IntakeCalendar.Default(2025);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Seed_000_dates_in_UTC()
    {
        // Beijing is UTC+8: 3/25 00:00 Beijing = 3/24 16:00Z; "by 5/31" = 6/1 00:00 Beijing = 5/31 16:00Z; and so on.
        Assert.Equal(Utc(3, 24, 16), C.RegistrationOpens);
        Assert.Equal(Utc(5, 31, 16), C.RegistrationCloses);
        Assert.Equal(Utc(5, 31, 16), C.SpeechDue);
        Assert.Equal(Utc(6, 20, 16), C.FilmAndCaseDue);
        Assert.Equal(Utc(6, 27, 16), C.RecommendationDue);
        Assert.Equal(Utc(6, 30, 16), C.FormalReviewCloses);
        Assert.Equal(TimeSpan.Zero, C.SpeechDue.Offset);
        Assert.Empty(C.Problems());
    }

    [Fact]
    public void Due_of_each_track()
    {
        Assert.Equal(C.SpeechDue, C.DueOf(Track.Speech));
        Assert.Equal(C.FilmAndCaseDue, C.DueOf(Track.MicroFilm));
        Assert.Equal(C.FilmAndCaseDue, C.DueOf(Track.InnovationCase));
    }

    [Fact]
    public void Show_prints_an_end_of_day_as_24_00_and_other_instants_as_they_are()
    {
        Assert.Equal("2025-05-31 24:00", IntakeCalendar.Show(Utc(5, 31, 16)));
        Assert.Equal("2025-06-20 24:00", IntakeCalendar.Show(C.FilmAndCaseDue));
        Assert.Equal("2025-05-31 09:30", IntakeCalendar.Show(Utc(5, 31, 1, 30)));   // 01:30Z + 8 h
        Assert.Equal("2025-06-01 00:01", IntakeCalendar.Show(Utc(5, 31, 16, 1)));   // a minute after midnight is not 24:00
    }

    [Fact]
    public void A_speech_at_exactly_its_due_instant_is_late_and_one_tick_before_is_not()
    {
        var due = C.SpeechDue;
        Assert.Null(C.DeclarationRefusal(Track.Speech, due.AddTicks(-1)));
        Assert.Equal("演讲作品的申报已于 2025-05-31 24:00（北京时间）截止（大赛通知附件1（三）2）", C.DeclarationRefusal(Track.Speech, due)?.ToString());
        // At that instant a film and a case are still accepted, until 6/20 24:00.
        Assert.Null(C.DeclarationRefusal(Track.MicroFilm, due));
        Assert.Null(C.DeclarationRefusal(Track.InnovationCase, C.FilmAndCaseDue.AddTicks(-1)));
        Assert.Equal("微电影作品的申报已于 2025-06-20 24:00（北京时间）截止（大赛通知附件1（三）2）", C.DeclarationRefusal(Track.MicroFilm, C.FilmAndCaseDue)?.ToString());
        Assert.Equal("创新案例作品的申报已于 2025-06-20 24:00（北京时间）截止（大赛通知附件1（三）2）", C.DeclarationRefusal(Track.InnovationCase, C.FilmAndCaseDue)?.ToString());
    }

    [Fact]
    public void Declaring_before_registration_opens_is_refused_with_the_opening()
    {
        Assert.Equal("在线申报将于 2025-03-25 00:00（北京时间）开始", C.DeclarationRefusal(Track.Speech, C.RegistrationOpens.AddTicks(-1))?.ToString());
        Assert.Null(C.DeclarationRefusal(Track.Speech, C.RegistrationOpens));
    }

    [Fact]
    public void Registration_window_is_opens_inclusive_closes_exclusive()
    {
        Assert.Equal("在线报名将于 2025-03-25 00:00（北京时间）开始", C.RegistrationRefusal(C.RegistrationOpens.AddTicks(-1))?.ToString());
        Assert.Null(C.RegistrationRefusal(C.RegistrationOpens));
        Assert.Null(C.RegistrationRefusal(C.RegistrationCloses.AddTicks(-1)));
        Assert.Equal("在线报名已于 2025-05-31 24:00（北京时间）截止", C.RegistrationRefusal(C.RegistrationCloses)?.ToString());
    }

    [Fact]
    public void Recommendation_and_resubmission_deadlines()
    {
        Assert.Null(C.RecommendationRefusal(C.RecommendationDue.AddTicks(-1)));
        Assert.Equal("推荐提交已于 2025-06-27 24:00（北京时间）截止（大赛通知附件1（四）3）", C.RecommendationRefusal(C.RecommendationDue)?.ToString());
        Assert.Null(C.ResubmissionRefusal(C.FormalReviewCloses.AddTicks(-1)));
        Assert.Equal("形式审查已于 2025-06-30 24:00（北京时间）截止，申报推荐通道已关闭（大赛通知附件1（五））", C.ResubmissionRefusal(C.FormalReviewCloses)?.ToString());
    }

    private static List<string> Still(DateTimeOffset now) => C.StillPossible(now).Select(w => w.ToString()).ToList();

    [Fact]
    public void Still_possible_before_registration_opens()
    {
        Assert.Equal(["在线申报将于 2025-03-25 00:00（北京时间）开始"], Still(Utc(3, 1, 0)));
    }

    [Fact]
    public void Still_possible_before_the_speech_deadline()
    {
        Assert.Equal(
            ["可申报演讲作品并提交素材稿，截止 2025-05-31 24:00（北京时间）", "可申报微电影和创新案例并提交作品，截止 2025-06-20 24:00（北京时间）", "可随时查看推荐和形式审查的进度"],
            Still(C.SpeechDue.AddTicks(-1)));
    }

    [Fact]
    public void Still_possible_between_the_speech_and_the_film_deadlines()
    {
        // 6/1 00:00 Beijing: speeches closed, films and cases open.
        Assert.Equal(["可申报微电影和创新案例并提交作品，截止 2025-06-20 24:00（北京时间）", "可随时查看推荐和形式审查的进度"], Still(C.SpeechDue));
    }

    [Fact]
    public void Still_possible_after_the_declaration_deadlines_and_after_formal_review()
    {
        Assert.Equal(["作品申报已截止；被退回修改的作品可在 2025-06-30 24:00（北京时间）前重新提交", "可随时查看推荐和形式审查的进度"], Still(C.FilmAndCaseDue));
        Assert.Equal(["作品申报已截止；被退回修改的作品可在 2025-06-30 24:00（北京时间）前重新提交", "可随时查看推荐和形式审查的进度"], Still(C.FormalReviewCloses.AddTicks(-1)));
        Assert.Equal(["申报推荐通道已于 2025-06-30 24:00（北京时间）关闭，可查看作品和审查结果"], Still(C.FormalReviewCloses));
    }

    [Fact]
    public void Problems_of_inconsistent_dates()
    {
        static List<string> P(IntakeCalendar c) => c.Problems().Select(w => w.ToString()).ToList();
        Assert.Equal(["报名截止须晚于报名开始"], P(C with { RegistrationCloses = C.RegistrationOpens }));
        Assert.Equal(["演讲作品截止须晚于报名开始"], P(C with { SpeechDue = C.RegistrationOpens.AddDays(-1) }));
        Assert.Equal(["微电影和创新案例截止须晚于报名开始"], P(C with { FilmAndCaseDue = C.RegistrationOpens }));
        // The recommendation may close with the films (equal is allowed), not before them.
        Assert.Empty(P(C with { RecommendationDue = C.FilmAndCaseDue }));
        Assert.Equal(["推荐截止不能早于作品截止"], P(C with { RecommendationDue = C.FilmAndCaseDue.AddTicks(-1) }));
        Assert.Equal(["形式审查截止不能早于推荐截止"], P(C with { FormalReviewCloses = C.RecommendationDue.AddDays(-1) }));
        // Several at once, in the order of the dates.
        var all = new IntakeCalendar(Utc(6, 1, 0), Utc(5, 1, 0), Utc(5, 1, 0), Utc(5, 1, 0), Utc(4, 1, 0), Utc(3, 1, 0));
        Assert.Equal(["报名截止须晚于报名开始", "演讲作品截止须晚于报名开始", "微电影和创新案例截止须晚于报名开始", "推荐截止不能早于作品截止", "形式审查截止不能早于推荐截止"], P(all));
    }

    [Fact]
    public void End_and_start_of_a_Beijing_day()
    {
        Assert.Equal(Utc(5, 31, 16), IntakeCalendar.EndOfDay(new DateOnly(2025, 5, 31)));
        Assert.Equal(Utc(5, 30, 16), IntakeCalendar.StartOfDay(new DateOnly(2025, 5, 31)));
    }
}

/// <summary>The per-unit limits (seed 000 附件1 (三)4): 5 speeches, 5 films, 1 case; the organiser may lift them.</summary>
public sealed class EntryLimitsTests
{
    [Fact]
    public void Five_speeches_five_films_one_case()
    {
        Assert.Equal(5, EntryLimits.PerUnit(Track.Speech));
        Assert.Equal(5, EntryLimits.PerUnit(Track.MicroFilm));
        Assert.Equal(1, EntryLimits.PerUnit(Track.InnovationCase));
    }

    [Theory]
    [InlineData(Track.Speech, "演讲")]
    [InlineData(Track.MicroFilm, "微电影")]
    public void The_fifth_is_allowed_and_the_sixth_refused_naming_the_rule(Track track, string name)
    {
        Assert.Null(EntryLimits.Refusal(track, declared: 4)); // holding 4: the 5th may start
        Assert.Equal($"每个参赛单位原则上最多申报 5 个{name}作品，本单位已申报 5 个（大赛通知附件1（三）4）",
            EntryLimits.Refusal(track, declared: 5)?.ToString()); // holding 5: the 6th is refused
    }

    [Fact]
    public void One_case_then_refused()
    {
        Assert.Null(EntryLimits.Refusal(Track.InnovationCase, 0));
        var refusal = EntryLimits.Refusal(Track.InnovationCase, 1)?.ToString();
        Assert.Equal("每个参赛单位原则上只能申报 1 个创新案例，本单位已申报 1 个（大赛通知附件1（三）4）", refusal);
        Assert.Contains("附件1（三）4", refusal);
    }

    [Fact]
    public void A_lifted_limit_allows_more()
    {
        Assert.Null(EntryLimits.Refusal(Track.InnovationCase, 1, liftedTo: 2));
        Assert.Null(EntryLimits.Refusal(Track.Speech, 9, liftedTo: 10));
        // At the lifted limit the next is refused, saying the limit was lifted to it.
        Assert.Equal("本单位创新案例作品的上限已由主办单位放宽至 2 个，已申报 2 个", EntryLimits.Refusal(Track.InnovationCase, 2, liftedTo: 2)?.ToString());
    }
}
