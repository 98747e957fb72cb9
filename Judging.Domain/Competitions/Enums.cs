namespace Judging.Domain.Competitions;

/// <summary>The competition's three forms (seed 000, 三、主要内容). UI: 演讲 / 微电影 / 创新案例.</summary>
public enum Track
{
    /// <summary>质量品牌故事演讲: live speech rounds.</summary>
    Speech,
    /// <summary>质量品牌故事微电影.</summary>
    MicroFilm,
    /// <summary>质量品牌创新案例.</summary>
    InnovationCase,
}

/// <summary>Kind of a round (seed 000, 附件1 (六)). Speech and film: Preliminary/Final; cases: FirstReview/ReReview.</summary>
public enum RoundKind
{
    /// <summary>初赛.</summary>
    Preliminary,
    /// <summary>决赛.</summary>
    Final,
    /// <summary>初审.</summary>
    FirstReview,
    /// <summary>复审.</summary>
    ReReview,
}

/// <summary>Chinese UI names of the enums, as used in the import files and pages.</summary>
public static class ChineseNames
{
    /// <summary>演讲 / 微电影 / 创新案例.</summary>
    public static string Of(Track track) => track switch
    {
        Track.Speech => "演讲",
        Track.MicroFilm => "微电影",
        Track.InnovationCase => "创新案例",
        _ => track.ToString(),
    };

    /// <summary>初赛 / 决赛 / 初审 / 复审.</summary>
    public static string Of(RoundKind kind) => kind switch
    {
        RoundKind.Preliminary => "初赛",
        RoundKind.Final => "决赛",
        RoundKind.FirstReview => "初审",
        RoundKind.ReReview => "复审",
        _ => kind.ToString(),
    };

    /// <summary>Parses 演讲 / 微电影 / 创新案例; null when unknown.</summary>
    public static Track? ParseTrack(string? s) => s?.Trim() switch
    {
        "演讲" => Track.Speech,
        "微电影" => Track.MicroFilm,
        "创新案例" => Track.InnovationCase,
        _ => null,
    };

    /// <summary>Parses 初赛 / 决赛 / 初审 / 复审; null when unknown.</summary>
    public static RoundKind? ParseRoundKind(string? s) => s?.Trim() switch
    {
        "初赛" => RoundKind.Preliminary,
        "决赛" => RoundKind.Final,
        "初审" => RoundKind.FirstReview,
        "复审" => RoundKind.ReReview,
        _ => null,
    };
}
