// Peer for bench/extract/run: boilerpipe's ArticleExtractor (Debian
// libboilerpipe-java) over a corpus. Usage: java BoilerpipeBatch CASES_DIR OUT_DIR
import de.l3s.boilerpipe.extractors.ArticleExtractor;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

public class BoilerpipeBatch {
  public static void main(String[] args) throws Exception {
    File cases = new File(args[0]);
    File out = new File(args[1]);
    out.mkdirs();
    String[] names = cases.list();
    Arrays.sort(names);
    for (String name : names) {
      File page = new File(new File(cases, name), "page.html");
      if (!page.isFile()) continue;
      String text = "";
      try {
        String html = new String(Files.readAllBytes(page.toPath()), StandardCharsets.UTF_8);
        text = ArticleExtractor.INSTANCE.getText(html);
      } catch (Exception e) {
        System.err.println(name + ": " + e);
      }
      Files.write(new File(out, name + ".txt").toPath(),
                  (text.trim() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
