import { serializedOnce, serializeReply } from './reply-serializer';

describe('serializeReply', () => {
  it('sends what JSON.stringify would for any body', () => {
    for (const body of [{ a: 1, b: [true, null, 'x'] }, [1, 2], 'text', 7, null]) {
      expect(serializeReply(body)).toBe(JSON.stringify(body));
    }
  });

  it('serializes a body marked serializedOnce once, however often it is sent', () => {
    const page = Object.freeze({ items: Object.freeze([{ id: 1, email: 'a@b.test' }]), total: 1 });
    serializedOnce(page);
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(serializeReply(page)).toBe('{"items":[{"id":1,"email":"a@b.test"}],"total":1}');
      expect(serializeReply(page)).toBe('{"items":[{"id":1,"email":"a@b.test"}],"total":1}');
      expect(stringify).not.toHaveBeenCalled();
      // An equal but different object is serialized as usual.
      expect(serializeReply({ ...page })).toBe(JSON.stringify(page));
      expect(stringify).toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });
});
