const PRODUCT_NAME = 'NextPanel Billing';

/** Sets the tab title. React 19 hoists <title> into <head> from anywhere in the tree. */
export function Head({ title }: { title?: string }) {
  return <title>{title ? `${title} · ${PRODUCT_NAME}` : PRODUCT_NAME}</title>;
}
