namespace Judging.Domain.Cases;

using System.Globalization;
using System.Text;

/// <summary>
/// The word count (字数) recorded for a .docx case (seed 000, 附件1: registration records "word count for cases"),
/// counted the way Word's 字数统计 does for Chinese text: every CJK ideograph, kana or Hangul character counts 1;
/// every run of other letters or digits (an English word, a number like "2025" or "3.5") counts 1; punctuation,
/// symbols and whitespace count 0.
/// </summary>
public static class WordCount
{
    /// <summary>Counts the words of <paramref name="text"/> (0 for null or empty).</summary>
    public static int Count(string? text)
    {
        var counter = new Counter();
        counter.Add(text);
        return counter.Words;
    }

    /// <summary>
    /// The same count over text that arrives in pieces (a document read as a stream): <see cref="Add"/> each piece in
    /// order, then read <see cref="Words"/>. A word that spans two pieces counts once, as in <see cref="Count"/> over the
    /// concatenation; a piece never splits a surrogate pair (text nodes of an XML reader do not).
    /// </summary>
    public sealed class Counter
    {
        private bool inWord;

        /// <summary>Words counted so far.</summary>
        public int Words { get; private set; }

        /// <summary>Counts the words of the next piece of text.</summary>
        public void Add(ReadOnlySpan<char> text)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                if (IsCjk(rune.Value)) { Words++; inWord = false; continue; }
                var cat = Rune.GetUnicodeCategory(rune);
                var wordChar = Rune.IsLetterOrDigit(rune) || cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    || (inWord && (rune.Value is '.' or '\'' or '-' or '’'));
                if (wordChar && !inWord) { Words++; inWord = true; }
                else if (!wordChar) inWord = false;
            }
        }
    }

    private static bool IsCjk(int c) =>
        c is >= 0x4E00 and <= 0x9FFF      // CJK Unified Ideographs
        or >= 0x3400 and <= 0x4DBF        // Extension A
        or >= 0x20000 and <= 0x3134F      // Extensions B–G
        or >= 0xF900 and <= 0xFAFF        // Compatibility Ideographs
        or >= 0x3040 and <= 0x30FF        // Hiragana, Katakana
        or >= 0xAC00 and <= 0xD7AF;       // Hangul syllables
}
