import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon, InfoIcon, XIcon } from '../icons';
import { dismissToast, useToasts, type ToastTone } from './toast-store';
import styles from './toaster.module.css';

const icons = {
  success: CheckCircleIcon,
  error: AlertCircleIcon,
  warning: AlertTriangleIcon,
  info: InfoIcon,
} as const satisfies Record<ToastTone, unknown>;

/** The corner where toasts appear. Rendered once, by the app provider. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <section className={styles.region} aria-label="Notifications">
      {toasts.map(({ id, tone, title, description }) => {
        const Icon = icons[tone];
        return (
          <div
            key={id}
            className={`${styles.toast} ${styles[tone]}`}
            role={tone === 'error' ? 'alert' : 'status'}
          >
            <Icon size={18} className={styles.icon} />
            <div className={styles.text}>
              <p className={styles.title}>{title}</p>
              {description ? <p className={styles.description}>{description}</p> : null}
            </div>
            <button
              type="button"
              className={styles.dismiss}
              aria-label="Dismiss notification"
              onClick={() => dismissToast(id)}
            >
              <XIcon size={16} />
            </button>
          </div>
        );
      })}
    </section>
  );
}
