/** An in-memory Web Storage, for unit tests. */
export class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    // As the real Storage does: whatever is stored comes back as a string ("undefined" too).
    this.map.set(key, String(value));
  }
  dump() {
    return JSON.stringify([...this.map]);
  }
}
