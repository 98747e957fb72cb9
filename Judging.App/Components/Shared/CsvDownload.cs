namespace Judging.App.Components.Shared;

using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.JSInterop;

/// <summary>
/// CSV files as organisers open them in Excel: UTF-8 with a BOM (Chinese intact), written by CsvHelper with cells that
/// start with = + - @ escaped (a title such as "=HYPERLINK(…)" stays text). <see cref="Write(Action{CsvWriter})"/> is the
/// one writer of the app's CSV exports (results, raw scores, the staff pages' grids); <see cref="SaveAsync"/> hands a
/// file built on a click to the browser (<c>wwwroot/js/download.js</c>), so a page does not rebuild it on every render.
/// </summary>
public static class CsvDownload
{
    /// <summary>The bytes of a CSV file whose records <paramref name="body"/> writes.</summary>
    public static byte[] Write(Action<CsvWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape }))
            body(csv);
        return stream.ToArray();
    }

    /// <summary>A CSV file of a header line and one record per row (null cells empty).</summary>
    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows) => Write(csv =>
    {
        foreach (var h in header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(cell ?? "");
            csv.NextRecord();
        }
    });

    /// <summary>Makes the browser save <paramref name="bytes"/> as <paramref name="fileName"/> (text/csv).</summary>
    public static ValueTask SaveAsync(IJSRuntime js, string fileName, byte[] bytes) =>
        js.InvokeVoidAsync("judgingDownload", fileName, Convert.ToBase64String(bytes), "text/csv;charset=utf-8");
}
