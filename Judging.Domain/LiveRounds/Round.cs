namespace Judging.Domain.LiveRounds;

using Judging.Domain.Competitions;

/// <summary>State of a live round, moved only by the organiser.</summary>
public enum RoundStatus
{
    /// <summary>未开始: the running order may still be drawn.</summary>
    NotStarted,
    /// <summary>进行中.</summary>
    Live,
    /// <summary>暂停: no score is accepted until resumed.</summary>
    Paused,
    /// <summary>已结束.</summary>
    Closed,
}

/// <summary>A round (轮次) of one track: for speech, one division's preliminary or the final; for films and cases, the online review or the final/re-review.</summary>
public sealed class Round
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public Track Track { get; set; }
    public RoundKind Kind { get; set; }
    /// <summary>The division, for a speech preliminary; null otherwise (a final, or a film/case round).</summary>
    public int? DivisionId { get; set; }
    public int ScoreSheetId { get; set; }
    public RoundStatus Status { get; set; }
    /// <summary>The entry now on stage (当前选手), or null.</summary>
    public int? OnStageEntryId { get; set; }
    /// <summary>True while judges may submit for <see cref="OnStageEntryId"/>.</summary>
    public bool ScoringOpen { get; set; }
    /// <summary>Projector shows only order and progress until the organiser reveals.</summary>
    public bool HideScores { get; set; }
    /// <summary>
    /// Online review (线上评审, seed 000: film preliminary, case first review): judges score any entry of the round at their own
    /// pace while it is live; there is no on-stage entry. False: a live round on stage, one entry at a time.
    /// </summary>
    public bool Online { get; set; }
    /// <summary>Optimistic concurrency token, bumped on every change of the live state.</summary>
    public int Version { get; set; }
    /// <summary>
    /// The award programme whose expert review this round runs (a review edition, issue 16), with the category when the
    /// edition reviews one, e.g. "2025—2026年上海市政府质量奖"; null for the contest's own rounds. It names the round
    /// (<see cref="RoundTitle"/>: "{programme} · 初评" / "· 复评") where a contest round says "总决赛 · 创新案例复审".
    /// </summary>
    public string? ProgrammeName { get; set; }
}

/// <summary>An entry's place in a round's running order (出场顺序), 1-based.</summary>
public sealed class RoundEntry
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// How a round is named in the UI: "浦东赛区 · 演讲初赛", or "总决赛 · 演讲决赛" without a division; a programme's review round
/// (<see cref="Round.ProgrammeName"/>) by its programme and the programme's word for the stage: "2025—2026年上海市政府质量奖 · 初评".
/// </summary>
public static class RoundTitle
{
    /// <summary>The round's title in Chinese, e.g. "黄浦分赛区 · 演讲初赛"; <paramref name="divisionName"/> null for a final ("总决赛 · 演讲决赛").</summary>
    public static string Of(Round round, string? divisionName) => Name(round, divisionName).ToString();

    /// <summary>The round's title as a <see cref="Wording"/> (the division's and programme's names are data), for pages in the reader's language.</summary>
    public static Wording Name(Round round, string? divisionName) => round.ProgrammeName is not null ? Stage(round) : Wording.Of("{0} · {1}",
        divisionName is null ? Wording.Of("总决赛") : Wording.Data(divisionName), Stage(round));

    /// <summary>
    /// The round's stage without its division: the track and kind ("创新案例初审", "演讲决赛"), or for a programme's review round
    /// "{programme} · 初评" / "{programme} · 复评" (the programmes' words, issue 16: 初评 / 书面评价, 复评 / 会审答辩).
    /// </summary>
    public static Wording Stage(Round round) => round.ProgrammeName is { } programme
        ? Wording.Of("{0} · {1}", Wording.Data(programme), Wording.Of(Programmes.ProgrammeScoreSheet.RoundName(round.Kind)))
        : Wording.Of(ChineseNames.Of(round.Track) + ChineseNames.Of(round.Kind));
}

/// <summary>Chinese names of round states.</summary>
public static class RoundStatusNames
{
    /// <summary>未开始 / 进行中 / 暂停 / 已结束.</summary>
    public static string Of(RoundStatus s) => s switch
    {
        RoundStatus.NotStarted => "未开始",
        RoundStatus.Live => "进行中",
        RoundStatus.Paused => "暂停",
        RoundStatus.Closed => "已结束",
        _ => s.ToString(),
    };
}
