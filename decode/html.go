package decode

import (
	"html"
	"regexp"
	"strings"
)

var (
	// htmlStart recognises an HTML document from its first tags.
	htmlStart = regexp.MustCompile(`(?i)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p)[\s>/]`)
	// htmlDrop is what a page holds that is not text.
	htmlDrop = regexp.MustCompile(`(?is)<(script|style|noscript|template)\b.*?</(?:script|style|noscript|template)\s*>|<!--.*?-->`)
	// htmlBlock are tags that end a paragraph.
	htmlBlock = regexp.MustCompile(`(?i)<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|td|th|section|article|header|footer|blockquote|pre|table|ul|ol|dd|dt)\b[^>]*>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// looksLikeHTML reports whether text is a saved web page.
func looksLikeHTML(text string) bool { return htmlStart.MatchString(text) }

// htmlText turns a web page into the text a reader sees: scripts, styles
// and comments dropped, a line break for each block element, the other
// tags removed, and character references decoded.
func htmlText(page string) string {
	page = htmlDrop.ReplaceAllString(page, "")
	page = htmlBlock.ReplaceAllString(page, "\n")
	page = htmlTag.ReplaceAllString(page, "")
	return strings.ReplaceAll(html.UnescapeString(page), "\u00a0", " ")
}
