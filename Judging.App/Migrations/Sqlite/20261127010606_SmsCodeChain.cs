using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Judging.App.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsCodeChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreviousCodeId",
                table: "UnitSignInCodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Codes issued before the column: each its own (negative) link, so the unique index holds and no new code's link
            // (0 or an id) meets one.
            migrationBuilder.Sql("""
                UPDATE UnitSignInCodes SET PreviousCodeId = -Id;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_UnitSignInCodes_PhoneHash_PreviousCodeId",
                table: "UnitSignInCodes",
                columns: new[] { "PhoneHash", "PreviousCodeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UnitSignInCodes_PhoneHash_PreviousCodeId",
                table: "UnitSignInCodes");

            migrationBuilder.DropColumn(
                name: "PreviousCodeId",
                table: "UnitSignInCodes");
        }
    }
}
