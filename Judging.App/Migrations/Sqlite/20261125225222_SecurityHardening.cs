using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecurityHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Subnet",
                table: "VoteCodes",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Assurance",
                table: "AudienceQuestions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Votes opened before this version were one per device cookie: they keep that assurance; votes not yet opened
            // get the new default, printed ballot codes (issue 10, item 3).
            migrationBuilder.Sql("""UPDATE "AudienceQuestions" SET "Assurance" = 2 WHERE "Status" <> 0;""");

            migrationBuilder.CreateTable(
                name: "AudienceBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Seat = table.Column<int>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceBallots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeviceVerifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    VoterId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceVerifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignInSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    JudgeId = table.Column<int>(type: "INTEGER", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoteCodes_CreatedAtMs",
                table: "VoteCodes",
                column: "CreatedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_AudienceBallots_QuestionId_CodeHash",
                table: "AudienceBallots",
                columns: new[] { "QuestionId", "CodeHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AudienceBallots_QuestionId_Seat",
                table: "AudienceBallots",
                columns: new[] { "QuestionId", "Seat" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceVerifications_DeviceId",
                table: "DeviceVerifications",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceVerifications_VoterId",
                table: "DeviceVerifications",
                column: "VoterId");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_JudgeId",
                table: "SignInSessions",
                column: "JudgeId");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_UserId",
                table: "SignInSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AudienceBallots");

            migrationBuilder.DropTable(
                name: "DeviceVerifications");

            migrationBuilder.DropTable(
                name: "SignInSessions");

            migrationBuilder.DropIndex(
                name: "IX_VoteCodes_CreatedAtMs",
                table: "VoteCodes");

            migrationBuilder.DropColumn(
                name: "Subnet",
                table: "VoteCodes");

            migrationBuilder.DropColumn(
                name: "Assurance",
                table: "AudienceQuestions");
        }
    }
}
