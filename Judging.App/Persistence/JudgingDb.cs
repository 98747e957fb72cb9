namespace Judging.App.Persistence;

using Judging.App.Accounts;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The database: SQLite by default (file under <c>data/</c>), PostgreSQL by configuration.
/// Score records, unlocks and audit entries are append-only: no code path updates or deletes them.
/// The code uses this type everywhere; at run time an instance is a <see cref="SqliteJudgingDb"/> or a
/// <see cref="PostgresJudgingDb"/>, one type per provider so each has its own migrations set (EF Core,
/// "Migrations with Multiple Providers": one context type per provider).
/// </summary>
public abstract class JudgingDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Competition> Competitions => Set<Competition>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Recommender> Recommenders => Set<Recommender>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<Judge> Judges => Set<Judge>();
    public DbSet<ScoreSheet> ScoreSheets => Set<ScoreSheet>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<RoundEntry> RoundEntries => Set<RoundEntry>();
    public DbSet<ScoreRecord> ScoreRecords => Set<ScoreRecord>();
    public DbSet<ScoreUnlock> ScoreUnlocks => Set<ScoreUnlock>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    /// <summary>
    /// Saves, chaining every new score card, unlock and vote-cluster decision into its competition's verifiable tally in the
    /// same transaction (issue 14, §2; <see cref="Tally.TallyLedger"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var chained = Chained();
        if (chained.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        return await Tally.TallyLedger.Of(this).SaveChainedAsync(this, chained, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    /// <summary>As <see cref="SaveChangesAsync(bool, CancellationToken)"/>, blocking (the chain is never skipped).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var chained = Chained();
        if (chained.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        return Tally.TallyLedger.Of(this).SaveChainedAsync(this, chained, () => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess)), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    private List<object> Chained()
    {
        List<object>? list = null;
        foreach (var e in ChangeTracker.Entries())
            if (e.State == EntityState.Added && e.Entity is ScoreRecord or ScoreUnlock or FilmVoting.VoteClusterDecision)
                (list ??= []).Add(e.Entity);
        return list ?? [];
    }

    /// <summary>
    /// Instants are stored in UTC on every provider (PostgreSQL's <c>timestamptz</c> takes only offset 0); pages
    /// convert to Beijing time for display.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        b.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Competition>().Property(x => x.Name).HasMaxLength(200);
        b.Entity<Competition>().HasIndex(x => new { x.Name, x.Year }).IsUnique();
        b.Entity<Group>().HasIndex(x => new { x.CompetitionId, x.Name }).IsUnique();
        b.Entity<Recommender>().HasIndex(x => new { x.CompetitionId, x.Name }).IsUnique();
        b.Entity<Unit>().HasIndex(x => new { x.CompetitionId, x.Name }).IsUnique();
        b.Entity<Division>().HasIndex(x => new { x.CompetitionId, x.Name }).IsUnique();
        b.Entity<Entry>().HasIndex(x => new { x.CompetitionId, x.Code }).IsUnique();
        b.Entity<Judge>().HasIndex(x => new { x.CompetitionId, x.Code }).IsUnique();
        b.Entity<Judge>().HasIndex(x => x.AccessCode).IsUnique();
        b.Entity<ScoreSheet>().HasMany(x => x.Criteria).WithOne().HasForeignKey(x => x.ScoreSheetId);
        b.Entity<Criterion>().Property(x => x.MaxPoints).HasPrecision(9, 2);
        b.Entity<Round>().Property(x => x.Version).IsConcurrencyToken();
        b.Entity<Round>().Property(x => x.ProgrammeName).HasMaxLength(300);
        b.Entity<RoundEntry>().HasIndex(x => new { x.RoundId, x.EntryId }).IsUnique();
        b.Entity<RoundEntry>().HasIndex(x => new { x.RoundId, x.Position }).IsUnique();
        b.Entity<ScoreRecord>().HasIndex(x => x.IdempotencyKey).IsUnique();
        b.Entity<ScoreRecord>().HasIndex(x => new { x.RoundId, x.EntryId, x.JudgeId, x.Attempt }).IsUnique();
        b.Entity<ScoreRecord>().Property(x => x.Total).HasPrecision(9, 2);
        b.Entity<ScoreRecord>().Property(x => x.IdempotencyKey).HasMaxLength(64);
        b.Entity<ScoreUnlock>().HasIndex(x => x.ScoreRecordId).IsUnique();
        b.Entity<UserAccount>().HasIndex(x => x.UserName).IsUnique();
        b.Entity<SetupToken>().HasKey(x => x.TokenHash);
        SessionStore.ConfigureModel(b);
        VenueVoting.AudienceVotingModule.ConfigureModel(b);
        Finalists.FinalistsModule.ConfigureModel(b);
        Awards.AwardsModule.ConfigureModel(b);
        Defence.DefenceService.ConfigureModel(b);
        FilmVoting.VotingModule.ConfigureModel(b);
        Films.FilmsModule.ConfigureModel(b);
        Cases.CasesModule.ConfigureModel(b);
        Reviews.ReviewsModule.ConfigureModel(b);
        Cluster.ClusterModule.ConfigureModel(b);
        Tally.TallyModule.ConfigureModel(b);
        Calibration.CalibrationModule.ConfigureModel(b);
        Registration.RegistrationModule.ConfigureModel(b);
        Programmes.ProgrammesModule.ConfigureModel(b);
    }
}
