package org.framegrid.stage.faces.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * BlazeFace's SSD anchors: for each grid (cells x cells, k anchors per cell) every cell contributes k anchors centred
 * at {@code ((x + 0.5) / cells, (y + 0.5) / cells)}, in row-major cell order, the k anchors of a cell next to each
 * other. The model's score and box outputs list the anchors of one grid in exactly this order. Anchor sizes are not
 * needed: BlazeFace regresses absolute widths and heights ({@code fixed_anchor_size} in MediaPipe).
 *
 * <p>Immutable.
 */
final class Anchors {

    /** One grid: {@code cells x cells} cells with {@code perCell} anchors each. */
    record Grid(int cells, int perCell) {
        Grid {
            if (cells < 1 || perCell < 1) {
                throw new IllegalArgumentException("a grid needs cells >= 1 and anchors per cell >= 1");
            }
        }

        int count() {
            return cells * cells * perCell;
        }
    }

    private final List<Grid> grids;
    private final float[] centreX;
    private final float[] centreY;

    Anchors(List<Grid> grids) {
        this.grids = List.copyOf(grids);
        int total = this.grids.stream().mapToInt(Grid::count).sum();
        centreX = new float[total];
        centreY = new float[total];
        int i = 0;
        for (Grid g : this.grids) {
            for (int y = 0; y < g.cells(); y++) {
                for (int x = 0; x < g.cells(); x++) {
                    for (int a = 0; a < g.perCell(); a++) {
                        centreX[i] = (x + 0.5f) / g.cells();
                        centreY[i] = (y + 0.5f) / g.cells();
                        i++;
                    }
                }
            }
        }
    }

    /**
     * Parses a model descriptor's {@code anchors} property, e.g. {@code 16:2,8:6} (BlazeFace front and back: 896
     * anchors).
     *
     * @throws IllegalArgumentException when the text is not a list of {@code cells:perCell} pairs
     */
    static Anchors parse(String spec) {
        List<Grid> grids = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("anchors '" + spec + "': expected cells:perCell pairs, e.g. 16:2,8:6");
            }
            try {
                grids.add(new Grid(Integer.parseInt(pair[0].trim()), Integer.parseInt(pair[1].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("anchors '" + spec + "': " + e.getMessage(), e);
            }
        }
        return new Anchors(grids);
    }

    List<Grid> grids() {
        return grids;
    }

    int count() {
        return centreX.length;
    }

    /** @return the index of the first anchor of grid {@code g} */
    int first(int g) {
        int first = 0;
        for (int i = 0; i < g; i++) {
            first += grids.get(i).count();
        }
        return first;
    }

    float centreX(int anchor) {
        return centreX[anchor];
    }

    float centreY(int anchor) {
        return centreY[anchor];
    }
}
