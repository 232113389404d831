package fr.sarcoma.referral.support;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Every string a user can read on the page as it stands: the window's title, the text of every
 * rendered element (not hidden, not collapsed to nothing), and the texts browsers show for an
 * element without it being in the text: placeholders, tooltips ({@code title}), the labels read
 * by screen readers ({@code aria-label}, {@code alt}) and the captions of input buttons.
 */
public final class VisibleStrings {

  private static final String COLLECT =
      """
      const ignored = arguments[0];
      const strings = [document.title];
      const shown = element => {
        if (!element || element.closest('[hidden]')) return false;
        if (ignored && element.closest(ignored)) return false;
        const style = getComputedStyle(element);
        return style.display !== 'none' && style.visibility !== 'hidden'
            && element.getClientRects().length > 0;
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        const text = node.nodeValue.replace(/\\s+/g, ' ').trim();
        if (text && parent && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)
            && shown(parent)) {
          strings.push(text);
        }
      }
      const captioned = 'input[type=submit], input[type=button], input[type=reset]';
      for (const element of document.body.querySelectorAll(
          '[placeholder], [title], [aria-label], [alt], ' + captioned)) {
        if (!shown(element)) continue;
        for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
          const value = element.getAttribute(name);
          if (value && value.trim()) strings.push(value.trim());
        }
        if (element.matches(captioned) && element.value) strings.push(element.value);
      }
      return [...new Set(strings.filter(text => text && text.trim()))];
      """;

  private VisibleStrings() {}

  public static List<String> on(WebDriver browser) {
    return on(browser, null);
  }

  /** As {@link #on(WebDriver)}, leaving out the elements matching a CSS selector and their content. */
  @SuppressWarnings("unchecked")
  public static List<String> on(WebDriver browser, String ignoredSelector) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(COLLECT, ignoredSelector);
  }
}
