// A builder that can't render a hand-edited config falls back to a note pointing to the JSON
// view, instead of taking the page down. It retries whenever the config changes.
import { Component, type ReactNode } from "react";

interface Props {
  resetKey: string;
  onShowJson: () => void;
  children: ReactNode;
}

export class BuilderBoundary extends Component<Props, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="state state-error" role="alert">
        <p className="state-title">The builder can't show this config</p>
        <p className="state-text">Its shape is too far from what this namespace expects. Fix it in the JSON view.</p>
        <button type="button" className="button" onClick={this.props.onShowJson}>
          Open the JSON view
        </button>
      </div>
    );
  }
}
