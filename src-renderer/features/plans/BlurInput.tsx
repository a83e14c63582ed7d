import { Input } from 'antd';
import { useEffect, useState } from 'react';

/**
 * A text field that saves when it loses focus (or on Enter), and follows the stored value while
 * it is not being edited (a pulled edit shows up; a save of another field does not reset it).
 */
export function BlurInput({
  value,
  onCommit,
  testId,
}: {
  value: string;
  onCommit: (value: string) => void;
  testId?: string;
}) {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);
  const commit = () => {
    setFocused(false);
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <Input
      value={text}
      data-testid={testId}
      onFocus={() => setFocused(true)}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}
