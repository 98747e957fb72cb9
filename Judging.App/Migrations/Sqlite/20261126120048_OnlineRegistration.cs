using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnlineRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RecommenderId",
                table: "Users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "SignInSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EntryDeclarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Track = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Creator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactDept = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactPost = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactMobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Synopsis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Honours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HonourOther = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Commitments = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryDeclarations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IntakeCalendars",
                columns: table => new
                {
                    CompetitionId = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegistrationOpens = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RegistrationCloses = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SpeechDue = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FilmAndCaseDue = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RecommendationDue = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FormalReviewCloses = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntakeCalendars", x => x.CompetitionId);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationOpinions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommenderId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Recommend = table.Column<bool>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationOpinions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationSubmissions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommenderId = table.Column<int>(type: "INTEGER", nullable: false),
                    FillerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FillerDept = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FillerPost = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FillerPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FillerEmail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FilledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CatalogueJson = table.Column<string>(type: "TEXT", nullable: false),
                    StampedScanName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    StampedScanSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StampedScanAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationSubmissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecommenderInvites",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecommenderId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommenderInvites", x => x.TokenHash);
                });

            migrationBuilder.CreateTable(
                name: "UnitContacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitContacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitLimitLifts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Track = table.Column<int>(type: "INTEGER", nullable: false),
                    Limit = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitLimitLifts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitMaterials",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OriginalFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitMaterials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitRegistrations",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IsMember = table.Column<bool>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    NatureOther = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    KeyField = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Specialised = table.Column<bool>(type: "INTEGER", nullable: false),
                    KeyIndustry = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    KeyIndustryOther = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ContactPost = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedTracks = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NoEntryYet = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitRegistrations", x => x.UnitId);
                });

            migrationBuilder.CreateTable(
                name: "UnitSignInCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PhoneHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitSignInCodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryDeclarations_CompetitionId_Status",
                table: "EntryDeclarations",
                columns: new[] { "CompetitionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_EntryDeclarations_EntryId",
                table: "EntryDeclarations",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntryDeclarations_UnitId_Track",
                table: "EntryDeclarations",
                columns: new[] { "UnitId", "Track" });

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationOpinions_EntryId",
                table: "RecommendationOpinions",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationOpinions_RecommenderId_EntryId",
                table: "RecommendationOpinions",
                columns: new[] { "RecommenderId", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationSubmissions_RecommenderId",
                table: "RecommendationSubmissions",
                column: "RecommenderId");

            migrationBuilder.CreateIndex(
                name: "IX_RecommenderInvites_RecommenderId",
                table: "RecommenderInvites",
                column: "RecommenderId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitContacts_CompetitionId_Mobile",
                table: "UnitContacts",
                columns: new[] { "CompetitionId", "Mobile" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitContacts_UnitId",
                table: "UnitContacts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitLimitLifts_UnitId",
                table: "UnitLimitLifts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMaterials_EntryId",
                table: "UnitMaterials",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMaterials_UnitId_Kind",
                table: "UnitMaterials",
                columns: new[] { "UnitId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitSignInCodes_PhoneHash_CreatedAt",
                table: "UnitSignInCodes",
                columns: new[] { "PhoneHash", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryDeclarations");

            migrationBuilder.DropTable(
                name: "IntakeCalendars");

            migrationBuilder.DropTable(
                name: "RecommendationOpinions");

            migrationBuilder.DropTable(
                name: "RecommendationSubmissions");

            migrationBuilder.DropTable(
                name: "RecommenderInvites");

            migrationBuilder.DropTable(
                name: "UnitContacts");

            migrationBuilder.DropTable(
                name: "UnitLimitLifts");

            migrationBuilder.DropTable(
                name: "UnitMaterials");

            migrationBuilder.DropTable(
                name: "UnitRegistrations");

            migrationBuilder.DropTable(
                name: "UnitSignInCodes");

            migrationBuilder.DropColumn(
                name: "RecommenderId",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "SignInSessions");
        }
    }
}
