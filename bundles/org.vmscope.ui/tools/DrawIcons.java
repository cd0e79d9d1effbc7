import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws the 16x16 icons of the vmscope views and actions into {@code icons/}:
 * {@code java tools/DrawIcons.java icons} (run from the bundle). Each picture is a tiny sketch of what the
 * view shows, in the frame map's colours.
 */
public final class DrawIcons {
    private static final Color KERNEL = new Color(128, 0, 0);
    private static final Color APP = new Color(0, 128, 0);
    private static final Color TABLE = new Color(200, 0, 200);
    private static final Color FREE = new Color(250, 250, 250);
    private static final Color EDGE = new Color(70, 70, 70);
    private static final Color BLUE = new Color(40, 90, 190);

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "icons");
        dir.mkdirs();
        draw(dir, "physmem", g -> {
            // a 4x4 grid of frames coloured by owner
            Color[] owners = { KERNEL, KERNEL, APP, FREE, TABLE, APP, APP, FREE, FREE, APP, KERNEL, FREE, FREE, FREE,
                TABLE, APP };
            for (int i = 0; i < 16; i++) {
                cell(g, 1 + (i % 4) * 4, 1 + (i / 4) * 4, 3, 3, owners[i]);
            }
        });
        draw(dir, "addrspace", g -> {
            // one map as a bar: text, data, a gap, the stack
            cell(g, 1, 2, 14, 3, null);
            cell(g, 2, 3, 4, 1, new Color(128, 128, 0));
            cell(g, 6, 3, 2, 1, new Color(0, 140, 140));
            cell(g, 13, 3, 2, 1, APP);
            for (int y = 7; y <= 13; y += 3) {
                cell(g, 3, y, 11, 2, y == 10 ? APP : new Color(0, 140, 140));
            }
        });
        draw(dir, "pagetables", g -> {
            // a root table pointing at two leaf tables
            cell(g, 1, 1, 5, 6, TABLE);
            cell(g, 10, 1, 5, 6, TABLE);
            cell(g, 10, 9, 5, 6, TABLE);
            g.setColor(EDGE);
            g.drawLine(6, 3, 10, 3);
            g.drawLine(6, 5, 10, 11);
        });
        draw(dir, "heap", g -> {
            // kmalloc zones as a heat map, fuller is redder
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    int fade = (r * 3 + c) * 28;
                    cell(g, 1 + c * 5, 1 + r * 5, 4, 4, new Color(255, fade, fade));
                }
            }
        });
        draw(dir, "problems", g -> {
            // a red frame with a cross: something broken in memory
            cell(g, 2, 2, 12, 12, FREE);
            g.setColor(new Color(210, 20, 20));
            g.setStroke(new BasicStroke(2.2f));
            g.drawLine(5, 5, 11, 11);
            g.drawLine(11, 5, 5, 11);
        });
        draw(dir, "objects", g -> {
            // one object shared by two maps
            cell(g, 1, 1, 8, 8, BLUE);
            cell(g, 7, 7, 8, 8, new Color(120, 160, 230));
            g.setColor(EDGE);
            g.drawLine(5, 9, 5, 13);
            g.drawLine(9, 5, 13, 5);
        });
        draw(dir, "diff", g -> {
            // before and after: a plus and a minus
            g.setStroke(new BasicStroke(2f));
            g.setColor(APP);
            g.drawLine(1, 5, 8, 5);
            g.drawLine(4, 2, 4, 9);
            g.setColor(new Color(200, 30, 30));
            g.drawLine(8, 12, 15, 12);
        });
        draw(dir, "snapshot", g -> {
            // a camera
            cell(g, 1, 4, 14, 10, new Color(90, 90, 90));
            cell(g, 4, 2, 4, 2, new Color(90, 90, 90));
            g.setColor(FREE);
            g.fillOval(5, 6, 6, 6);
            g.setColor(BLUE);
            g.fillOval(6, 7, 4, 4);
        });
        draw(dir, "freeze", g -> {
            // a snowflake: three crossed strokes
            g.setColor(BLUE);
            g.setStroke(new BasicStroke(1.6f));
            g.drawLine(8, 1, 8, 15);
            g.drawLine(2, 4, 14, 12);
            g.drawLine(2, 12, 14, 4);
        });
        draw(dir, "refresh", g -> {
            // a circular arrow
            g.setColor(APP);
            g.setStroke(new BasicStroke(2f));
            g.draw(new Arc2D.Double(2, 2, 12, 12, 60, 280, Arc2D.OPEN));
            g.fillPolygon(new int[] { 9, 15, 12 }, new int[] { 1, 3, 7 }, 3);
        });
        draw(dir, "export", g -> {
            // a sheet with an arrow leaving it
            cell(g, 1, 3, 9, 12, FREE);
            g.setColor(BLUE);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(5, 9, 14, 9);
            g.fillPolygon(new int[] { 11, 16, 11 }, new int[] { 5, 9, 13 }, 3);
        });
    }

    private static void cell(Graphics2D g, int x, int y, int w, int h, Color fill) {
        if (fill != null) {
            g.setColor(fill);
            g.fillRect(x, y, w, h);
        }
        g.setColor(EDGE);
        g.drawRect(x, y, w, h);
    }

    private static void draw(File dir, String name, Consumer<Graphics2D> body) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        body.accept(g);
        g.dispose();
        ImageIO.write(img, "png", new File(dir, name + ".png"));
    }
}
