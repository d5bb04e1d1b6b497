package io.gplay.engine.inventory;

/** Bad inventory input, with the file (and line where known) it came from. */
public class InventoryException extends RuntimeException {
    public InventoryException(String message) {
        super(message);
    }
}
