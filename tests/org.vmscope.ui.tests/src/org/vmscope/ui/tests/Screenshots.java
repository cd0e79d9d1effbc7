package org.vmscope.ui.tests;

import java.io.File;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.vmscope.ui.views.RowsView;

/** Saves a PNG of a workbench shell as a test artifact, copied from the screen in-process. */
final class Screenshots {

    private Screenshots() {
    }

    static File save(Shell shell, String name) {
        Display display = shell.getDisplay();
        // GTK paints asynchronously: let a few frames reach the X server before copying it
        for (int i = 0; i < 10; i++) {
            settle(display);
            shell.update();
            display.update();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Rectangle r = shell.getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
        } finally {
            gc.dispose();
        }
        File dir = new File(System.getProperty("vmscope.screenshots", "target/screenshots"));
        dir.mkdirs();
        File file = new File(dir, name + ".png");
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file.getPath(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
        return file;
    }

    /**
     * Runs the event loop until no events are pending and the views' jobs (reads, snapshot loads) are done, so
     * the screen shows what the widgets hold.
     */
    static void settle(Display display) {
        for (int round = 0; round < 3; round++) {
            dispatch(display);
            try {
                Job.getJobManager().join(RowsView.JOBS, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            dispatch(display);
        }
    }

    private static void dispatch(Display display) {
        for (int i = 0; i < 200 && display.readAndDispatch(); i++) {
            // bounded: a test must not hang on a busy event queue
        }
    }
}
