/* mbox.h: the pieces of farley-mbox, the helper that reads mail for
 * `farley import mbox`.
 *
 * farley-mbox is its own small program so that farley itself is not linked
 * against a MIME library: it parses an mbox file, a Maildir or an MH-style
 * folder with GMime and writes one line of JSON per message on stdout
 * (see man/farley-mbox.1 for the fields).  It never writes anything else.
 *
 *   main.c     the command line, walking an mbox / Maildir / folder
 *   message.c  one parsed message to its JSON line
 *   text.c     bytes in any charset to clean UTF-8; HTML to plain text */
#ifndef FARLEY_MBOX_H
#define FARLEY_MBOX_H

#include <stddef.h>

#include <glib.h>
#include <gmime/gmime.h>

struct mbox_opts {
	size_t body_max;   /* bytes of body text kept, then "[truncated]" */
	GMimeParserOptions *parser;
};

/* message.c ---------------------------------------------------------- */

/* Write the JSON line of msg.  where is "FILE:LINE" or the file's path;
 * fallback (may be NULL) is the date of the mbox From_ line or of a
 * Maildir file name, the last resort when the message has no usable Date
 * or Received header.  Returns 0; 1 after saying on stderr why the message
 * was skipped; -1 when stdout could not be written. */
int mbox_emit(GMimeMessage *msg, const char *where, GDateTime *fallback,
	      const struct mbox_opts *o);

/* text.c ------------------------------------------------------------- */

/* Append len bytes of text in charset (NULL: not declared) to out as
 * UTF-8.  Undeclared or mislabelled text is taken as UTF-8 when it is
 * valid UTF-8, else as windows-1252; ISO-8859-1 and US-ASCII are read as
 * windows-1252 (as browsers and mail readers do); bytes the charset does
 * not define become U+FFFD. */
void text_to_utf8(GString *out, const char *buf, size_t len, const char *charset);
/* Make UTF-8 text tidy for a YAML literal block: line ends to \n, control
 * characters (but tab), byte order marks and C1 controls dropped, U+2028
 * and U+2029 to \n, trailing blanks of each line (but the signature line
 * "-- ") and blank lines at both ends removed.  Invalid UTF-8 becomes U+FFFD. */
void text_tidy(GString *s);
/* One line: every run of white space (newlines included) to one space,
 * control characters dropped, trimmed. */
void text_one_line(GString *s);
/* Cut s to at most max bytes at a character boundary, adding a last line
 * "[truncated]", when it is longer. */
void text_truncate(GString *s, size_t max);
/* Readable text from HTML: tags removed (script, style, head and title
 * with their contents), character references decoded, line breaks for
 * <br> and block elements, blank lines between paragraphs, "- " before
 * list items, white space collapsed outside <pre>.  Appends to out. */
void html_to_text(GString *out, const char *html, size_t len);

#endif
